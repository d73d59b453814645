"""Control charts in the browser: a newcomer plans a PROPORTION experiment in the portal, its
p chart shows the limits and the shift after the change, the rule-set switch reads it with
Anhøj's and the NHS rules (each signal naming its rule), recording a proportion asks for
both numbers, refusing a numerator above its denominator, and the split the chart proposes
after the long run is applied by the member with a reason, and undone."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.portal.conftest import screenshot, sign_in

EMMA = "emma.dubois@kaizen.example"
# late of 60 deliveries a week: 12 weeks around 12 late, then 12 weeks around 4
LATE = [12, 14, 11, 13, 12, 10, 13, 12, 14, 11, 12, 13, 5, 4, 6, 3, 4, 5, 4, 3, 5, 4, 6, 4]
START = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(
    weeks=24)
RECORD = """mutation($id: ID!, $at: DateTime!, $n: Float, $d: Float) {
  recordMeasurement(experimentId: $id, at: $at, numerator: $n, denominator: $d) {
  __typename } }"""


def test_a_p_chart_with_limits_signals_under_each_rule_set(open_page, stack):
    title = f"Cross-dock slots booked a day ahead {uuid.uuid4().hex[:6]}"
    page = sign_in(open_page(), "Emma Dubois")
    page.goto("/#/experiments/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Hypothesis").fill("Booking slots a day ahead cuts late deliveries")
    page.get_by_label("Metric").fill("Late deliveries")
    page.get_by_label("Each point is").select_option("PROPORTION")
    page.get_by_label("Baseline").fill("0.2")
    page.get_by_label("Target").fill("0.05")
    page.get_by_label("Starts on").fill((START + timedelta(weeks=12)).date().isoformat())
    page.get_by_role("button", name="Plan experiment").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    experiment_id = page.url.rsplit("/", 1)[-1]
    page.get_by_role("button", name="Start the experiment").click()
    expect(page.locator(".meta .badge").first).to_have_text("Do")

    token = stack.token(EMMA)
    for i, late in enumerate(LATE):
        answer = stack.gql(RECORD, {"id": experiment_id, "at": (START + timedelta(weeks=i))
                                    .isoformat(), "n": late, "d": 60}, token)
        assert answer["recordMeasurement"]["__typename"] == "Experiment"
    page.reload()
    chart = page.get_by_role("img", name="p chart, 24 points", exact=False)
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-label", _contains("limits 0.04"))
    signals = page.get_by_role("list", name="Signals")
    expect(signals.locator(".signal-shift")).to_contain_text("below the centre line")
    screenshot(page, "experiment-p-chart-ihi")

    page.get_by_label("Read the chart with").select_option("ANHOEJ")
    long_run = signals.locator(".signal-long_run")
    expect(long_run).to_contain_text("12 points in a row below the centre line")
    expect(long_run).to_contain_text("Rule: Anhøj unusually long run")
    expect(page.get_by_role("list", name="Chart parts")).to_contain_text(
        "longest run 12 (more than 8 is a signal)")
    page.get_by_label("Read the chart with").select_option("NHS")
    expect(signals.locator(".signal-shift")).to_contain_text("Rule: NHS rule 4")
    screenshot(page, "experiment-p-chart-nhs")

    page.get_by_label("Numerator (how many of them)").fill("70")
    page.get_by_label("Denominator (out of how many)").fill("60")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".field.invalid .field-error")).to_contain_text(
        "cannot be above the denominator (60)")
    page.get_by_label("Numerator (how many of them)").fill("3")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("img", name="p chart, 25 points", exact=False)).to_be_visible()

    proposal = page.get_by_role("form", name="Proposed split")
    expect(proposal).to_contain_text("13 points in a row below the centre line")
    proposal.get_by_label("Why the process changed").fill("Slots booked a day ahead")
    proposal.get_by_role("button", name="Split the chart on", exact=False).click()
    parts = page.get_by_role("list", name="Chart parts")
    expect(parts).to_contain_text("Part 2")
    expect(page.get_by_role("list", name="Splits")).to_contain_text("Slots booked a day ahead")
    expect(page.get_by_role("form", name="Proposed split")).to_have_count(0)
    screenshot(page, "experiment-p-chart-parts")
    page.get_by_role("button", name="Join it to the part before").click()
    expect(parts).not_to_contain_text("Part 2")


def _contains(text: str):
    import re
    return re.compile(f".*{re.escape(text)}.*")
