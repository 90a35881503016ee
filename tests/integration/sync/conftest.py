"""Integration tests of the sync against a real FHIR server process."""

pytest_plugins = ["tests.fhir_server_fixture"]
