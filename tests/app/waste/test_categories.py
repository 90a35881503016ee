"""The national codes printed on the transfer manifest, per category."""

from app.waste.categories import Category


def test_each_category_carries_its_code_from_the_hazardous_waste_list() -> None:
    # 国家危险废物名录 (2021), class HW01: the manifest must name these.
    codes = {category: category.facts.waste_code for category in Category}

    assert codes == {
        Category.INFECTIOUS: "841-001-01",
        Category.SHARPS: "841-002-01",
        Category.PATHOLOGICAL: "841-003-01",
        Category.CHEMICAL: "841-004-01",
        Category.PHARMACEUTICAL: "841-005-01",
    }


def test_no_two_categories_share_a_code() -> None:
    codes = [category.facts.waste_code for category in Category]

    assert len(set(codes)) == len(codes) == 5
