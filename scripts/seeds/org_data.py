"""The demo organisation: people (known e-mails, listed in the README) and ideas."""
from __future__ import annotations

# (name, email local part, title, team, roles, manager local part)
PEOPLE = [
    ("Dev Patel", "dev.patel", "Head of Operations", "Operations Office",
     ["admin", "manager"], None),
    ("Carla Meyer", "carla.meyer", "Assembly Manager", "Assembly", ["manager", "reviewer"],
     "dev.patel"),
    ("Ben Okafor", "ben.okafor", "Continuous Improvement Lead", "Quality",
     ["reviewer"], "dev.patel"),
    ("Ana Silva", "ana.silva", "Assembly Technician", "Assembly", ["employee"], "carla.meyer"),
    ("Tom Becker", "tom.becker", "Line Operator", "Assembly", ["employee"], "carla.meyer"),
    ("Mei Chen", "mei.chen", "Process Engineer", "Assembly", ["employee"], "carla.meyer"),
    ("Luis Ortega", "luis.ortega", "Logistics Manager", "Logistics", ["manager"], "dev.patel"),
    ("Priya Nair", "priya.nair", "Warehouse Planner", "Logistics", ["employee"], "luis.ortega"),
    ("Jonas Berg", "jonas.berg", "Forklift Operator", "Logistics", ["employee"], "luis.ortega"),
    ("Sara Haddad", "sara.haddad", "Quality Engineer", "Quality", ["employee"], "ben.okafor"),
    ("Olga Ivanova", "olga.ivanova", "Lab Technician", "Quality", ["employee"], "ben.okafor"),
    ("Kwame Mensah", "kwame.mensah", "Customer Care Lead", "Customer Care", ["manager"],
     "dev.patel"),
    ("Lena Vogel", "lena.vogel", "Support Agent", "Customer Care", ["employee"], "kwame.mensah"),
    ("Ravi Kumar", "ravi.kumar", "Software Engineer", "Platform Engineering", ["employee"],
     "dev.patel"),
    ("Emma Dubois", "emma.dubois", "Data Analyst", "Platform Engineering", ["employee"],
     "dev.patel"),
]

DOMAIN = "kaizen.example"


def people() -> list[dict]:
    return [
        {
            "name": name,
            "email": f"{local}@{DOMAIN}",
            "title": title,
            "team": team,
            "roles": roles,
            "location": "Porto" if i % 3 else "Hamburg",
            "manager_email": f"{manager}@{DOMAIN}" if manager else None,
        }
        for i, (name, local, title, team, roles, manager) in enumerate(PEOPLE)
    ]


# (author local part, title, problem, proposal, tags)
IDEAS = [
    ("ana.silva", "Shadow board for torque wrenches",
     "Technicians lose 10 minutes per shift looking for the right torque wrench.",
     "Mount a labelled shadow board at each station so a missing tool is obvious.",
     ["5s", "assembly", "tools"]),
    ("tom.becker", "Move screw bins within arm's reach",
     "Operators walk two steps for every screw pick at station 4.",
     "Re-arrange the bins on a tilted rack in front of the operator.",
     ["ergonomics", "assembly", "waste-motion"]),
    ("priya.nair", "Pick-to-light for fast movers",
     "Picking errors on the 50 fastest-moving items cause most returns.",
     "Install pick-to-light on the fast-mover aisle and measure errors for a month.",
     ["warehouse", "quality", "picking"]),
    ("jonas.berg", "One-way traffic in aisle C",
     "Forklifts meet head-on in aisle C several times a day and must reverse.",
     "Make aisle C one-way with floor markings and a mirror at the exit.",
     ["safety", "warehouse"]),
    ("sara.haddad", "Visual standard for solder joints",
     "New inspectors disagree on which solder joints to reject.",
     "Post a photo board of good and bad joints at each inspection bench.",
     ["quality", "standard-work"]),
    ("lena.vogel", "Reply templates for the top 10 questions",
     "Support agents retype the same answers to the ten most common questions.",
     "Create reviewed reply templates and track handling time.",
     ["customer-care", "standard-work"]),
    ("ravi.kumar", "Automate the weekly scrap report",
     "The scrap report is assembled by hand from three spreadsheets every Monday.",
     "Generate it nightly from the MES database and e-mail it to line leads.",
     ["automation", "reporting"]),
    ("mei.chen", "Quick changeover kit for line 2",
     "Changeovers on line 2 take 45 minutes, mostly hunting for fixtures.",
     "Prepare a changeover cart with all fixtures pre-sorted (SMED).",
     ["smed", "assembly", "changeover"]),
]


def ideas() -> list[dict]:
    return [
        {"author_email": f"{a}@{DOMAIN}", "title": t, "problem": p, "proposal": q, "tags": g}
        for a, t, p, q, g in IDEAS
    ]
