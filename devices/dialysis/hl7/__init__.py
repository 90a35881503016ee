"""HL7 v2 ORU^R01 over MLLP: read-only monitoring of dialysis machines.

Public face: ``Hl7DialysisDriver`` (the ``DialysisDriver`` for machines and
gateways that report the IHE PCD-01 way), the pure pieces it is built from
(``MllpFramer``, ``parse_report``, ``build_ack``, ``build_report``) and its
errors. Everything else in the package is an implementation detail.
"""
