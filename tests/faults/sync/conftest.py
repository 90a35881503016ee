"""Fault tests of the sync: a real FHIR server, killed, cut off or faked."""
