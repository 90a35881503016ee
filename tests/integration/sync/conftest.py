"""Integration tests of the sync against a real FHIR server process."""
