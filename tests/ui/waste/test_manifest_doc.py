"""The manifest document names what 医疗废物管理条例 art. 12 requires."""

from __future__ import annotations

from datetime import UTC, datetime

from app.waste import Category, Manifest, ManifestLine


def test_the_manifest_shows_producer_method_destination_and_each_bags_code() -> None:
    from ui.waste.manifest_doc import manifest_html

    manifest = Manifest(
        number="MF-1",
        company="绿洁环保有限公司",
        vehicle="沪A·12345",
        driver="张司机",
        keeper="赵库管 (K001)",
        station_id="STORE-1",
        handed_out_at=datetime(2026, 12, 4, 2, 0, tzinfo=UTC),
        lines=(ManifestLine("W1", Category.PATHOLOGICAL, "病理科", 1500, False),),
        producing_unit="市第一人民医院",
        disposal_method="高温蒸汽处理",
        destination="市医疗废物集中处置中心",
    )

    html = manifest_html(manifest, UTC)

    for text in ("市第一人民医院", "高温蒸汽处理", "市医疗废物集中处置中心"):
        assert text in html
    bag_row = html[html.index("<td>W1</td>") :].split("</tr>")[0]
    assert "841-003-01" in bag_row  # the waste code on the bag's own line
