"""Demo mode: a real FHIR server, seeded data, simulators, and sample data."""
