"""Hand-written ORU^R01 messages in the IHE PCD-01 shape, as gateways send.

Each follows the PCD-01 structure: MSH, PID, PV1, OBR, then OBX rows in the
11073 containment tree (OBX-4 ``MDS.VMD.CHAN.METRIC``), MDS row first with
the machine in OBX-18, metrics with UCUM units in OBX-6 and their time in
OBX-14. Numeric codes in the ``code^reference id^MDC`` form are placeholders:
no numeric codes for the dialysis terms are published.
"""

from __future__ import annotations


def er7(*segments: str) -> str:
    return "\r".join(segments) + "\r"


MSH_GATEWAY = (
    "MSH|^~\\&|ACME_HD_GW^0012A4FFFE3B5C6D^EUI-64|HD_UNIT|CARELOOP|WARD7|"
    "20260301160503+0800||ORU^R01^ORU_R01|GW000815|P|2.6|||NE|AL||UNICODE UTF-8|||"
    "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"
)
PID = "PID|||0004711^^^HOSP^MR||Wang^Li^^^^^L|||F"
PV1 = "PV1||I|HD^^BED07"
OBR = (
    "OBR|1|GW000815^ACME_HD_GW|GW000815^ACME_HD_GW|"
    "182777000^monitoring of patient^SCT|||20260301160500+0800"
)
MDS = (
    "OBX|1||MDC_DEV_HDIALY_MACHINE_MDS^Haemodialysis machine^MDC|1.0.0.0|||||||X|||"
    "20260301160500+0800||||AK98-55012^ACME^0012A4FFFE3B5C6D^EUI-64"
)
MODE_TX = (
    "OBX|2|CWE|MDC_HDIALY_MACH_MODE_OF_OPERATION^Mode^MDC|1.0.0.1|TX^Treatment^MDC"
    "||||||R|||20260301160500+0800"
)
EQUIPMENT = "AK98-55012^ACME"
AT = "20260301160500+0800"


def metric(
    set_id: int, code: str, sub_id: str, value: str, unit: str, number: str
) -> str:
    return (
        f"OBX|{set_id}|NM|{code}|{sub_id}|{value}|{unit}^{unit}^UCUM|||||R|||{AT}"
        f"||||{EQUIPMENT}|||{number}"
    )


BLOOD_VMD = "OBX|3||MDC_DEV_HDIALY_BLD_CIRCUIT_VMD^^MDC|1.1.0.0|||||||X"
DIALYSATE_VMD = "OBX|7||MDC_DEV_HDIALY_DIALYSATE_VMD^^MDC|1.3.0.0|||||||X"

GATEWAY_REPORT = er7(
    MSH_GATEWAY,
    PID,
    PV1,
    OBR,
    MDS,
    MODE_TX,
    BLOOD_VMD,
    metric(
        4,
        "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE^Blood flow^MDC",
        "1.1.1.1",
        "280",
        "mL/min",
        "9001",
    ),
    # Numeric code first, reference id second; mmHg as many machines write it.
    metric(5, "8421^MDC_HDIALY_BLD_PRESS_ART^MDC", "1.1.1.2", "-162", "mmHg", "9002"),
    metric(
        6,
        "MDC_HDIALY_BLD_PRESS_VEN^Venous pressure^MDC",
        "1.1.1.3",
        "148",
        "mm[Hg]",
        "9003",
    ),
    DIALYSATE_VMD,
    metric(
        8,
        "MDC_HDIALY_DIALYSATE_COND^Conductivity^MDC",
        "1.3.1.1",
        "14.05",
        "mS/cm",
        "9004",
    ),
    metric(
        9,
        "MDC_HDIALY_DIALYSATE_TEMP^Dialysate temperature^MDC",
        "1.3.1.2",
        "36.4",
        "Cel",
        "9005",
    ),
    metric(
        10,
        "MDC_HDIALY_UF_ACTUAL_REMOVED_VOL^UF volume^MDC",
        "1.4.1.1",
        "1250",
        "mL",
        "9006",
    ),
)

ALARM_REPORT = er7(
    MSH_GATEWAY.replace("GW000815", "GW000816"),
    PID,
    PV1,
    OBR.replace("GW000815", "GW000816"),
    MDS,
    "OBX|2|CWE|MDC_EVT_HDIALY_BLD_PRESS_VEN_HI^Venous pressure high^MDC|1.0.0.101|"
    f"start^start^MDC|||PH|||R|||20260301160501+0800||||{EQUIPMENT}|||31",
    "OBX|3|CWE|MDC_EVT_HDIALY_BLD_PUMP_BLOOD_FLOW_LO^Blood flow low^MDC|1.0.0.102|"
    f"end^end^MDC|||PM|||R|||20260301160502+0800||||{EQUIPMENT}|||32",
)

# A gateway that numbers nothing, reports identity rows and settings, and
# leaves OBX-14 empty so OBR-7 is the time.
SETTINGS_REPORT = er7(
    "MSH|^~\\&|OTHER_GW|HD_UNIT|CARELOOP|WARD7|20260301070000+0000||ORU^R01^ORU_R01|"
    "S-1|P|2.6",
    PID,
    PV1,
    "OBR|1|S-1|S-1|182777000^monitoring of patient^SCT|||20260301065930+0000",
    "OBX|1||MDC_DEV_HDIALY_MACHINE_MDS^^MDC|1.0.0.0|||||||X",
    "OBX|2|ST|MDC_ID_MODEL_MANUFACTURER^^MDC|1.0.0.1|Acme Renal||||||R",
    "OBX|3|ST|MDC_ID_MODEL_NUMBER^^MDC|1.0.0.2|AK 98||||||R",
    "OBX|4|ST|MDC_ID_PROD_SPEC_SERIAL^^MDC|1.0.0.3|AK98-55012||||||R",
    "OBX|5|ST|MDC_ID_PROD_SPEC_SW^^MDC|1.0.0.4|3.10\\S\\b||||||R",
    "OBX|6|CWE|MDC_HDIALY_MACH_TX_MODALITY^^MDC|1.0.0.6|HDF^^MDC||||||R",
    "OBX|7|NM|MDC_HDIALY_UF_RATE_SETTING^^MDC|1.6.1.1|600|ml/h^ml/h^UCUM|||||R",
    "OBX|8|NM|MDC_HDIALY_DIALYSATE_COND_SETTING^^MDC|1.6.1.2|14.0|mS/cm^mS/cm^UCUM"
    "|||||R",
    "OBX|9|NM|MDC_HDIALY_UF_RATE^^MDC|1.4.1.1|590|mL/h^mL/h^UCUM|||||R",
    "OBX|10|NM|MDC_HDIALY_TX_TIME_REMAINING^^MDC|1.5.1.1|211|min^min^UCUM|||||R",
)
