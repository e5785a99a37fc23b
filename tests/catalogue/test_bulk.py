"""The benchmark's bulk generator writes rows the API reads like any others."""

from __future__ import annotations

from models.catalogue.bulk import PREFIX, generate_implementations
from models.catalogue.tables import Implementation, Matter
from models.regions.tables import Region
from tests.catalogue.support import invalidate
from tests.helpers import gql


async def test_bulk_rows_are_listed_and_found_by_search(client, app):
    regions = await Region.filter(valid_to__isnull=True).count()
    before = await Implementation.filter(code__startswith=PREFIX).count()
    result = await generate_implementations(regions + 5, materials_per_row=2)
    assert result.implementations == regions + 5 and result.matters == 2
    assert result.keywords > 20 and result.materials == 2 * result.implementations
    assert await Implementation.filter(code__startswith=PREFIX).count() == before + regions + 5
    await invalidate(app)
    synthetic = await Matter.filter(basic_code__startswith=PREFIX).order_by(
        "-basic_code").first()
    data = await gql(client, """query($q: String!) { searchMatters(query: $q, first: 5) {
        nodes { name basicCode implementation(regionCode: "330106") {
          code materials { name } legalTimeLimit { value } } } } }""", {"q": synthetic.name})
    first = data["searchMatters"]["nodes"][0]
    assert first["basicCode"] == synthetic.basic_code
    assert first["implementation"] is None or first["implementation"]["code"].startswith(PREFIX)
    listed = await gql(client, """query($m: ID!) { matters(filter: {matterId: $m}, first: 100) {
        totalCount nodes { code materials { name } } } }""",
                       {"m": _matter_global_id(synthetic.id)})
    assert listed["matters"]["totalCount"] >= 5
    assert all(len(n["materials"]) <= 2 for n in listed["matters"]["nodes"])


def _matter_global_id(key: object) -> str:
    from schema.node import to_global_id

    return to_global_id("Matter", key)
