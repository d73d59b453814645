"""similarIdeas and themes at 10k and 100k indexed ideas with realistic vectors, through the
gateway next to the raw RPC.

What is loaded (encoding 100k texts on 2 CPUs would take about 20 minutes):
* 2,016 real idea texts (`base_texts`: 24 improvement topics x 6 titles x 14 places) are
  encoded once with the service's model (cached in var/bench/insights_bases.npy);
* each bulk idea takes one base text (its title and text) and the unit vector
  normalise(a*base + (1-a)*other base of the same topic + noise), a in [0.6, 1), noise of
  norm about 0.25: realistic neighbourhoods (near-paraphrases, same-topic ideas at cosine
  0.5-0.9, other topics far), dated over the last year;
* the bulk goes in through the admin RPC `index_documents` (500 per call, embeddings sent
  with the items), so every idea is written, revisioned and placed in a theme by the
  service's own code; at 10k a full `recluster` forms the themes (as a reindex does), the
  90k more join them on arrival and the pool is clustered (`recluster(full=False)`);
* the same ideas are inserted as rows into the ideas service's database (no events), so
  the gateway hydrates real ideas.
The query path is the real one: the typed text is encoded by the model, the exact search
scans every indexed idea and the gateway hydrates the hits through the ideas service.
Two kinds of similarIdeas rows: the 8 QUERIES in turn (each asked again every 8 calls), and
100 different drafts (`drafts()`), each asked once before the measured pass so that its
hits' word vectors are stored as indexing would have stored them (the bulk's embeddings are
given, so its rows have none until their first re-score); by its measured turn 400 other
hits have been re-scored since, so no process cache of recent ideas still holds them.
`KAIZEN_BENCH_RECLUSTER=0` skips the re-clusters and the themes rows (the re-cluster at 10k
takes minutes): the similarIdeas rows do not depend on them.
At the end the bulk is deactivated again (index_documents, active false), so benchmarks
that run later see the seeded read model."""
from __future__ import annotations

import hashlib
import os
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import numpy as np
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from benchmarks.bench_rpc import percentiles, timed
from services.ideas.models import Idea
from services.insights.documents import from_bytes
from services.insights.documents import stack as stack_vectors
from services.insights.models import Document, Theme
from shared.identity import Identity
from shared.rpc import cluster_proxy
from shared.settings import var_dir

SIZES = (10_000, 100_000)
RECLUSTER = os.environ.get("KAIZEN_BENCH_RECLUSTER", "1") != "0"
ROUNDS = 100
BATCH = 500
TOPICS = {
    "changeover": (["Quick-release clamps for changeovers", "Changeover cart with fixtures",
                    "SMED workshop for changeovers", "Pre-stage tools before changeover",
                    "Standard changeover checklist", "Colour-coded fixtures per variant"],
                   "Changeovers take too long because fixtures are bolted and tools missing"),
    "walking": (["Move screw bins next to the station", "Point-of-use parts supermarket",
                 "Kanban rack beside the workbench", "Tool trolley for each operator",
                 "Closer storage for fasteners", "Reorganise the line layout"],
                "Operators walk far to fetch screws and parts several times per hour"),
    "forklift": (["Separate walkways from forklift aisles", "Mirrors at blind corners",
                  "Blue spot lights on forklifts", "Speed limit signs for forklifts",
                  "Pedestrian crossing with barrier", "One-way traffic for forklifts"],
                 "Forklifts and pedestrians meet in narrow aisles and near misses happen"),
    "canteen": (["Healthier food in the canteen", "Longer canteen opening hours",
                 "Vegetarian warm meals", "Hot meals for the night shift",
                 "Microwave and fridge in the break room", "Salad bar that lasts all day"],
                "The canteen closes early and the food choice is poor for shift workers"),
    "noise": (["Sound barriers around the presses", "Better hearing protection",
               "Quieter compressors", "Acoustic panels on the ceiling",
               "Noise map of the hall", "Enclosures for loud machines"],
              "The presses are so loud that operators get headaches by the end of shift"),
    "scrap": (["Sharper blades on the cutting machine", "First-piece inspection",
               "Scrap tally board at the machine", "Root cause analysis of scrap",
               "Better material clamping", "Check cutting parameters every shift"],
              "Too much scrap comes off the cutting machine and material is wasted"),
    "onboarding": (["Buddy system for new starters", "Visual standard work sheets",
                    "Training matrix on the board", "Video instructions at each station",
                    "First week onboarding plan", "Skill checks for new operators"],
                   "New starters do not know the standard work and make avoidable errors"),
    "meetings": (["Room booking screen at the door", "Release unused bookings",
                  "Shorter daily stand-ups", "Agenda required for meetings",
                  "More small meeting rooms", "Meeting-free focus mornings"],
                 "Meeting rooms are double booked and meetings overrun without agenda"),
    "labels": (["Label printer at the packing table", "Pre-printed shipping labels",
                "Scanner to print labels automatically", "Second label printer",
                "Label stock next to the printer", "Barcode labels on every box"],
               "Packers walk to a far label printer and wait for labels to print"),
    "kitting": (["Kit parts before the night shift", "Kitting area near the line",
                 "Kitting checklist per order", "Parts kits on trolleys",
                 "Missing parts alert before shift", "Day shift prepares the kits"],
                "The night shift starts late because parts are not kitted in time"),
    "deliveries": (["Delivery status page for customers", "Proactive delay e-mails",
                    "Tracking numbers in the order portal", "Daily late-order list",
                    "Customer service sees carrier status", "Automatic delivery updates"],
                   "Customers wait too long for answers about late deliveries"),
    "maintenance": (["Preventive maintenance schedule", "Spare parts stock for pumps",
                     "Operator daily machine checks", "Vibration sensors on motors",
                     "Maintenance request app", "Lubrication plan per machine"],
                    "Machines break down unexpectedly and wait days for repair"),
    "lighting": (["LED lights over the workbenches", "Task lamps for inspection",
                  "Replace broken lights faster", "Daylight panels in the hall",
                  "Brighter lights in the warehouse", "Motion sensor lights"],
                 "The lighting is too dim for detailed assembly and inspection work"),
    "ergonomics": (["Height-adjustable workbenches", "Lifting aids for heavy parts",
                    "Anti-fatigue mats", "Job rotation to avoid strain",
                    "Tilting tables for boxes", "Ergonomic assessment of stations"],
                   "Operators lift heavy parts and get back pain from bending all day"),
    "energy": (["Switch off machines at weekends", "Fix compressed air leaks",
                "Energy meter per line", "Timers on the heating",
                "Close the hall doors in winter", "Solar panels on the roof"],
               "Machines and compressors run all weekend and waste energy"),
    "waste": (["Recycling bins for cardboard", "Returnable packaging with suppliers",
               "Separate plastic and metal waste", "Compactor for cardboard",
               "Reuse pallets", "Less packaging from suppliers"],
              "Cardboard and plastic waste pile up and everything goes to landfill"),
    "it": (["Faster laptops for engineers", "Single sign-on for tools",
            "Reliable Wi-Fi in the warehouse", "Shared drive clean-up",
            "Self-service password reset", "Printer drivers that work"],
           "Slow computers and logins waste time every morning"),
    "quality": (["Poka-yoke for connector orientation", "Quality alert board",
                 "Go/no-go gauges at the station", "Camera inspection of welds",
                 "Feedback from customer complaints", "Layered process audits"],
                "Defects reach the customer because errors are not caught at the station"),
    "inventory": (["Cycle counting every week", "Min-max levels for parts",
                   "FIFO lanes in the warehouse", "Bin locations in the system",
                   "Remove obsolete stock", "Two-bin system for consumables"],
                  "Stock levels in the system are wrong and parts run out unexpectedly"),
    "parking": (["More bicycle parking", "Car sharing for shifts",
                 "Repaint the parking lot lines", "Reserved spots for car poolers",
                 "Shuttle bus from the station", "Lighting in the car park"],
                "There are not enough parking spaces and the car park is dark at night"),
    "cleaning": (["5S audit every week", "Cleaning schedule per area",
                  "Shadow boards for cleaning tools", "Vacuum at each line",
                  "Clean as you go rule", "Drip trays under machines"],
                 "Oil and dirt on the floor make the workplace unsafe and untidy"),
    "communication": (["Shift handover board", "Team huddle at shift start",
                       "Digital notice board in the canteen", "Monthly town hall",
                       "Translated instructions", "Newsletter with plant results"],
                      "Information gets lost between shifts and people hear news too late"),
    "temperature": (["Fans for the summer", "Air conditioning in the packing area",
                     "Cold water dispensers", "Heat shields at the ovens",
                     "Shade on the south windows", "Breaks adjusted in heat waves"],
                    "It gets too hot in the hall in summer and people feel unwell"),
    "paperwork": (["Digital work orders", "Tablets instead of paper checklists",
                   "Electronic signatures for approvals", "Fewer copies of reports",
                   "Scan delivery notes", "One form instead of three"],
                  "Too much paperwork and double data entry slow everybody down"),
}
PLACES = ["line 1", "line 2", "line 3", "line 4", "hall A", "hall B", "hall C", "the warehouse",
          "the packing area", "the office", "the night shift", "goods receiving",
          "the paint shop", "the test bay"]
QUERIES = [
    "Operators walk too far to fetch screws at the assembly line",
    "Forklifts and pickers meet in the narrow aisle",
    "Customers wait too long for answers about late deliveries",
    "The label printer is far from the packing tables",
    "Night shift starts late because parts are not kitted",
    "Too much scrap from the cutting machine",
    "New starters do not know the standard work",
    "Meeting rooms are double booked",
]
SIMILAR = ("query($t: String!) { similarIdeas(text: $t, first: 5) "
           "{ score possibleDuplicate idea { id title status } } }")
THEMES = ("{ themes(first: 10) { id label size reflectionCount unaddressed "
          "trend { last30Days previous30Days } ideas(first: 5) { id title } } }")
IDEA_THEME = "query($id: ID!) { idea(id: $id) { id theme { id label size } } }"


def drafts(count: int = 100) -> list[str]:
    """`count` different drafts, each a topic's problem at one place."""
    problems = [f"{problem} in {place}" for _, problem in TOPICS.values() for place in PLACES]
    picks = np.random.default_rng(7).choice(len(problems), count, replace=False)
    return [problems[i] for i in picks.tolist()]


def base_texts() -> list[tuple[str, str, str]]:
    """(topic, title, text) of every base idea."""
    return [(topic, f"{title} in {place}", f"{title} in {place}. {problem} in {place}.")
            for topic, (titles, problem) in TOPICS.items() for title in titles
            for place in PLACES]


def base_vectors(texts: list[str]) -> np.ndarray:
    """The real model's embeddings of the base texts, encoded once and cached."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = var_dir() / "bench" / f"insights_bases_{digest}.npy"
    if path.exists():
        return np.load(path)
    from services.insights.encoder import get_encoder
    vectors = get_encoder().encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


class Bulk:
    """Synthetic ideas recombined from the encoded bases (see the module docstring)."""

    def __init__(self, author_id: str) -> None:
        self.bases = base_texts()
        self.vectors = base_vectors([b[2] for b in self.bases])
        self.by_topic: dict[str, list[int]] = {}
        for index, (topic, _, _) in enumerate(self.bases):
            self.by_topic.setdefault(topic, []).append(index)
        self.rng = np.random.default_rng(6)
        self.author_id = author_id
        self.loaded: list[dict] = []  # id, title, text: enough to deactivate them again

    def make(self, count: int) -> list[dict]:
        picks = self.rng.integers(0, len(self.bases), count)
        mix = self.rng.uniform(0.6, 1.0, count).astype(np.float32)[:, None]
        others = np.array([self.rng.choice(self.by_topic[self.bases[i][0]]) for i in picks])
        noise = self.rng.standard_normal((count, 384)).astype(np.float32) * (0.25 / 384 ** 0.5)
        vectors = mix * self.vectors[picks] + (1 - mix) * self.vectors[others] + noise
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        ages = self.rng.uniform(0, 365, count)
        stamp = datetime.now(UTC)
        items = [{"id": str(uuid.uuid4()), "title": self.bases[p][1], "text": self.bases[p][2],
                  "status": "SUBMITTED", "author_id": self.author_id,
                  "created_at": (stamp - timedelta(days=float(a))).isoformat(),
                  "extra": {"tags": []}, "embedding": np.round(v, 6).tolist()}
                 for p, a, v in zip(picks.tolist(), ages.tolist(), vectors, strict=True)]
        self.loaded.extend({k: i[k] for k in ("id", "title", "text")} for i in items)
        return items


def add_to_ideas_db(stack, items: list[dict]) -> None:
    """The same ideas as rows of the ideas service (no events), for the gateway to hydrate."""
    engine = create_engine(f"sqlite:///{stack.var_dir / 'ideas.db'}",
                           connect_args={"timeout": 30})
    rows = [{"id": i["id"], "title": i["title"], "problem": i["text"], "proposal": "",
             "benefit": "", "area": None, "status": "SUBMITTED", "author_id": i["author_id"],
             "vote_count": 0, "created_at": datetime.fromisoformat(i["created_at"]),
             "updated_at": datetime.fromisoformat(i["created_at"])} for i in items]
    with engine.begin() as connection:
        connection.execute(Idea.__table__.insert(), rows)
    engine.dispose()


def indexed_ideas(stack) -> int:
    engine = create_engine(f"sqlite:///{stack.var_dir / 'insights.db'}")
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Document).where(
            Document.kind == "IDEA", Document.active.is_(True)))
    engine.dispose()
    return count


def members_read(stack) -> dict:
    """The baseline `themes` replaced: every theme's members read and grouped, each theme's
    ideas sorted by closeness to its centre (what the service did before per-theme
    summaries), straight from the insights database; 10 rounds."""
    engine = create_engine(f"sqlite:///{stack.var_dir / 'insights.db'}")

    def once() -> None:
        with Session(engine) as session:
            themes = {t.id: t for t in session.scalars(select(Theme))}
            grouped: dict[str, list[Document]] = {t: [] for t in themes}
            for row in session.scalars(select(Document).where(
                    Document.theme_id.in_(set(themes)), Document.active.is_(True))):
                grouped[row.theme_id].append(row)
            for theme_id, rows in grouped.items():
                ideas = [r for r in rows if r.kind == "IDEA"]
                if ideas:
                    scores = stack_vectors([r.embedding for r in ideas]) @ from_bytes(
                        themes[theme_id].centroid)
                    sorted(range(len(ideas)), key=lambda i: (-float(scores[i]), ideas[i].id))

    try:
        once()  # warm-up: page cache
        samples = []
        for _ in range(10):
            started = time.perf_counter()
            once()
            samples.append(time.perf_counter() - started)
        return percentiles(samples)
    finally:
        engine.dispose()


def rpc(stack, identity: Identity) -> ClusterRpcProxy:
    """A proxy signing as the gateway does (a fresh token per service when half-used)."""
    return cluster_proxy(identity, "gateway", {"AMQP_URI": stack.amqp_uri}, timeout=600)


def load(stack, admin: Identity, bulk: Bulk, count: int) -> float:
    """Loads `count` bulk ideas; returns ideas per second through index_documents."""
    started, spent = time.perf_counter(), 0.0
    for start in range(0, count, BATCH):
        items = bulk.make(min(BATCH, count - start))
        add_to_ideas_db(stack, items)
        with rpc(stack, admin) as cluster:
            began = time.perf_counter()
            cluster.insights.index_documents("IDEA", items)
            spent += time.perf_counter() - began
    if not count:
        return 0.0
    print(f"  loaded {count} ideas in {time.perf_counter() - started:.0f} s "
          f"({count / spent:.0f}/s through index_documents)", flush=True)
    return count / spent


def unload(stack, admin: Identity, bulk: Bulk) -> None:
    """Deactivates the bulk (same texts: nothing is encoded)."""
    for start in range(0, len(bulk.loaded), BATCH):
        with rpc(stack, admin) as cluster:
            cluster.insights.index_documents("IDEA", [
                {**doc, "active": False} for doc in bulk.loaded[start:start + BATCH]])


def identity_of(stack, token: str) -> Identity:
    me = stack.gql("{ me { id roles team } }", token=token)["me"]
    return Identity(me["id"], tuple(me["roles"]), me["team"])


def in_turn(texts: list[str]):
    """A function giving `texts` one after the other, over and over."""
    cycle = iter(range(10**9))
    return lambda: texts[next(cycle) % len(texts)]


def measure_similar(stack, label: str, user: Identity, gql, texts: list[str],
                    what: str = "") -> list[dict]:
    with rpc(stack, user) as cluster:
        text = in_turn(texts)
        raw = timed(lambda: cluster.insights.similar_ideas(text(), first=5), ROUNDS)
    text = in_turn(texts)
    via = timed(lambda: gql(SIMILAR, {"t": text()}), ROUNDS)
    return [{"name": f"RPC similar_ideas{what} @ {label}", **raw},
            {"name": f"gateway similarIdeas{what} @ {label}", **via,
             "ratio_vs_rpc": via["p50_ms"] / raw["p50_ms"]}]


def measure(stack, size: int, user: Identity, http, themed_idea: str | None) -> list[dict]:
    def gql(query: str, variables: dict | None = None) -> None:
        body = http.post("/graphql", json={"query": query, "variables": variables})
        body.raise_for_status()
        assert "errors" not in body.json(), body.text

    label = f"{size // 1000}k"
    rows = measure_similar(stack, label, user, gql, QUERIES)
    with rpc(stack, user) as cluster:  # what indexing would have stored for these hits
        for draft in drafts():
            cluster.insights.similar_ideas(draft, first=5)
    rows += measure_similar(stack, label, user, gql, drafts(), ", 100 drafts")
    if themed_idea is None:
        return rows
    with rpc(stack, user) as cluster:
        raw = timed(lambda: cluster.insights.themes(first=10), ROUNDS)
    rows.append({"name": f"RPC themes(10) @ {label}", **raw})
    before = members_read(stack)
    rows.append({"name": f"baseline: members read for themes @ {label}", **before,
                 "ratio_vs_rpc": before["p50_ms"] / raw["p50_ms"]})
    via = timed(lambda: gql(THEMES), ROUNDS)
    rows.append({"name": f"gateway themes(10)+ideas(5) @ {label}", **via,
                 "ratio_vs_rpc": via["p50_ms"] / raw["p50_ms"]})
    via = timed(lambda: gql(IDEA_THEME, {"id": themed_idea}), ROUNDS)
    rows.append({"name": f"gateway idea(id).theme @ {label}", **via})
    return rows


def run(stack) -> list[dict]:
    token = stack.token("ana.silva@kaizen.example")
    user = identity_of(stack, token)
    admin = identity_of(stack, stack.token("dev.patel@kaizen.example"))
    bulk = Bulk(user.user_id)
    rows = []
    with httpx.Client(base_url=stack.url, timeout=60,
                      headers={"authorization": f"Bearer {token}"}) as http:
        try:
            for size, full in zip(SIZES, (True, False), strict=True):
                rate = load(stack, admin, bulk, max(0, size - indexed_ideas(stack)))
                with rpc(stack, admin) as cluster:
                    started, themed = time.perf_counter(), None
                    if RECLUSTER:
                        result = cluster.insights.recluster(full=full)
                        print(f"  recluster(full={full}) at {size}: "
                              f"{time.perf_counter() - started:.1f} s {result}", flush=True)
                        themed = cluster.insights.themes(first=1)[0]["idea_ids"][0]
                    took = time.perf_counter() - started
                    cluster.insights.similar_ideas(QUERIES[0], first=5)  # syncs the new rows
                found = measure(stack, indexed_ideas(stack), user, http, themed)
                rows += [*found, {"name": f"load index_documents @ {size // 1000}k",
                                  "ideas_per_s": rate, f"recluster_full_{full}_s": took}]
                for row in rows[-len(found) - 1:]:
                    print("  ", row, flush=True)
        finally:
            unload(stack, admin, bulk)
    return rows
