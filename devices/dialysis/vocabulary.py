"""The shared table of dialysis parameters: codes, UCUM units, ranges, names.

Ranges are the machine ranges in ``../shared/reference/dialysis.md``; they
bound what a driver accepts and what the simulator produces. The app floor
applies the clinical rules (UF rate per kg, two-nurse check) on top.

Codes are IEEE 11073-10101 reference ids as the dialysis machine data
standard names them. Where no published term was found, the id follows the
standard's pattern and is marked in the comment; the table is the one place
to correct it.
"""

from __future__ import annotations

from decimal import Decimal

from devices.dialysis.model import Parameter

D = Decimal


def _p(
    code: str, unit: str, low: str, high: str, decimals: int, zh: str, en: str
) -> Parameter:
    return Parameter(code, unit, D(low), D(high), decimals, zh, en)


# What the physician orders and the machine is set to.
SETTINGS: dict[str, Parameter] = {
    p.code: p
    for p in (
        _p(
            "MDC_HDIALY_TX_TIME_PRESCRIBED",
            "min",
            "10",
            "600",
            0,
            "治疗时间",
            "Treatment time",
        ),
        _p(
            "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING",
            "mL/min",
            "50",
            "600",
            0,
            "血流量",
            "Blood flow",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_FLOW_RATE_SETTING",
            "mL/min",
            "300",
            "800",
            0,
            "透析液流量",
            "Dialysate flow",
        ),
        _p(
            "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE",
            "mL",
            "100",
            "20000",
            0,
            "超滤目标",
            "UF goal",
        ),
        _p(
            "MDC_HDIALY_UF_RATE_SETTING",
            "mL/h",
            "0",
            "4000",
            0,
            "最大超滤率",
            "Max UF rate",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_CONC_NA_SETTING",
            "mmol/L",
            "130",
            "145",
            0,
            "钠浓度",
            "Sodium",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_CONC_K_SETTING",
            "mmol/L",
            "0",
            "4",
            1,
            "钾浓度",
            "Potassium",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING",
            "mmol/L",
            "1.25",
            "1.75",
            2,
            "钙浓度",
            "Calcium",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_CONC_HCO3_SETTING",
            "mmol/L",
            "32",
            "38",
            0,
            "碳酸氢根",
            "Bicarbonate",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_TEMP_SETTING",
            "Cel",
            "33",
            "40",
            1,
            "透析液温度",
            "Dialysate temperature",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_COND_SETTING",
            "mS/cm",
            "12.5",
            "16.0",
            1,
            "电导度",
            "Conductivity",
        ),
        # Heparin pump; 0 means no heparin by pump.
        _p(
            "MDC_HDIALY_ANTICOAG_BOLUS_VOL",
            "mL",
            "0",
            "10",
            1,
            "肝素首剂",
            "Heparin bolus",
        ),
        _p(
            "MDC_HDIALY_ANTICOAG_RATE_SETTING",
            "mL/h",
            "0",
            "10",
            1,
            "肝素追加速率",
            "Heparin rate",
        ),
        _p(
            "MDC_HDIALY_ANTICOAG_STOP_BEFORE_END",
            "min",
            "0",
            "120",
            0,
            "肝素提前停止",
            "Heparin stop before end",
        ),
    )
}

# What the machine reports during treatment.
READINGS: dict[str, Parameter] = {
    p.code: p
    for p in (
        _p(
            "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE",
            "mL/min",
            "0",
            "600",
            0,
            "实际血流量",
            "Blood flow",
        ),
        _p(
            "MDC_HDIALY_BLD_PRESS_ART",
            "mm[Hg]",
            "-400",
            "100",
            0,
            "动脉压",
            "Arterial pressure",
        ),
        _p(
            "MDC_HDIALY_BLD_PRESS_VEN",
            "mm[Hg]",
            "-100",
            "500",
            0,
            "静脉压",
            "Venous pressure",
        ),
        _p(
            "MDC_HDIALY_FILTER_TRANSMEMBRANE_PRESS",
            "mm[Hg]",
            "-100",
            "600",
            0,
            "跨膜压",
            "TMP",
        ),
        _p(
            "MDC_HDIALY_UF_ACTUAL_REMOVED_VOL",
            "mL",
            "0",
            "20000",
            0,
            "已超滤量",
            "UF removed",
        ),
        _p("MDC_HDIALY_UF_RATE", "mL/h", "0", "4000", 0, "超滤率", "UF rate"),
        _p(
            "MDC_HDIALY_TX_TIME_REMAINING",
            "min",
            "0",
            "600",
            0,
            "剩余时间",
            "Time left",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_FLOW_RATE",
            "mL/min",
            "0",
            "800",
            0,
            "透析液流量",
            "Dialysate flow",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_COND",
            "mS/cm",
            "10",
            "18",
            2,
            "电导度",
            "Conductivity",
        ),
        _p(
            "MDC_HDIALY_DIALYSATE_TEMP",
            "Cel",
            "30",
            "42",
            1,
            "透析液温度",
            "Dialysate temperature",
        ),
        _p(
            "MDC_HDIALY_BLD_REL_BLD_VOL",
            "%",
            "50",
            "120",
            1,
            "相对血容量",
            "Relative blood volume",
        ),
        # Online clearance; only on machines that have it.
        _p("MDC_HDIALY_KT_V", "1", "0", "3", 2, "Kt/V", "Kt/V"),
    )
}

ALL: dict[str, Parameter] = {**SETTINGS, **READINGS}


def parameter(code: str) -> Parameter:
    """The vocabulary entry for ``code``; KeyError names an unknown code."""
    try:
        return ALL[code]
    except KeyError:
        raise KeyError(f"unknown dialysis parameter code {code!r}") from None
