"""Catalogue statistics agree with the published entries they summarise."""

from __future__ import annotations

from models.catalogue.tables import Implementation
from tests.catalogue.support import invalidate
from tests.helpers import gql, staff_token

STATS = """query($r: String) { catalogueStatistics(regionCode: $r) {
  regionCode implementations matters
  byType { type label implementations matters }
  byLicenceReformMode { mode label implementations matters }
  fullyOnline fullyOnlineShare zeroVisit oneVisit atMostOneVisitShare
  crossProvince crossProvinceShare crossProvinceMatters
  crossProvinceByMode { mode label implementations } } }"""


async def test_statistics_count_the_published_entries_of_a_region_and_below(client, app):
    await invalidate(app)
    token = await staff_token(client, "sysadmin")
    stats = (await gql(client, STATS, {"r": "330300"}, token=token))["catalogueStatistics"]
    published = Implementation.filter(status="PUBLISHED", region_id__startswith="3303")
    total = await published.count()
    assert stats["implementations"] == total > 1000
    assert sum(b["implementations"] for b in stats["byType"]) == total
    assert sum(b["implementations"] for b in stats["byLicenceReformMode"]) == total
    assert stats["matters"] == len(set(await published.values_list("matter_id", flat=True)))
    online = await published.filter(handling_form="ONLINE").count()
    assert stats["fullyOnline"] == online
    assert stats["fullyOnlineShare"] == round(online / total, 4)
    visits = await published.filter(onsite_visits__lte=1).count()
    assert stats["zeroVisit"] + stats["oneVisit"] == visits
    assert stats["atMostOneVisitShare"] == round(visits / total, 4)
    cross = await published.filter(service_scope="CROSS_PROVINCE").count()
    assert stats["crossProvince"] == cross > 0 and stats["crossProvinceMatters"] > 0
    modes = {m["mode"]: m["implementations"] for m in stats["crossProvinceByMode"]}
    assert modes["FULLY_ONLINE"] == await published.filter(cross_fully_online=True).count()
    labels = {b["type"]: b["label"] for b in stats["byType"]}
    assert labels["LICENSING"] == "行政许可"
    reform = {b["mode"]: b["label"] for b in stats["byLicenceReformMode"]}
    assert reform[None] == "非涉企经营许可" and reform["NOTIFICATION_COMMITMENT"] == "实行告知承诺"


async def test_statistics_are_cached_until_the_catalogue_changes(client, app):
    token = await staff_token(client, "sysadmin")
    await gql(client, STATS, {"r": "330400"}, token=token)
    response = await client.post("/graphql", json={"query": STATS, "variables": {"r": "330400"}},
                                 headers={"Authorization": f"Bearer {token}"})
    assert response.headers["x-sql-count"] == "0"
