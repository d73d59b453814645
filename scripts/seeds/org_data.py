"""The demo organisation: people (known e-mails, listed in the README). Their ideas are in
scripts/seeds/ideas_data.py."""
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
    # added with the career marketplace: ~40 people, mostly in five teams
    ("Noah Schmidt", "noah.schmidt", "Line Operator", "Assembly", ["employee"], "carla.meyer"),
    ("Fatima Zahra", "fatima.zahra", "Assembly Technician", "Assembly", ["employee"],
     "carla.meyer"),
    ("Pedro Alves", "pedro.alves", "Maintenance Technician", "Assembly", ["employee"],
     "carla.meyer"),
    ("Hana Sato", "hana.sato", "Shift Supervisor", "Assembly", ["employee", "reviewer"],
     "carla.meyer"),
    ("Marek Nowak", "marek.nowak", "Welder", "Assembly", ["employee"], "carla.meyer"),
    ("Aisha Bello", "aisha.bello", "Line Operator", "Assembly", ["employee"], "carla.meyer"),
    ("Grace Kim", "grace.kim", "Quality Inspector", "Quality", ["employee"], "ben.okafor"),
    ("Omar Farouk", "omar.farouk", "Quality Engineer", "Quality", ["employee"], "ben.okafor"),
    ("Ines Costa", "ines.costa", "Lab Technician", "Quality", ["employee"], "ben.okafor"),
    ("Viktor Petrov", "viktor.petrov", "Supplier Quality Engineer", "Quality", ["employee"],
     "ben.okafor"),
    ("Julia Wagner", "julia.wagner", "Metrology Technician", "Quality", ["employee"],
     "ben.okafor"),
    ("Sofia Rossi", "sofia.rossi", "Inventory Controller", "Logistics", ["employee"],
     "luis.ortega"),
    ("Daniel Okoro", "daniel.okoro", "Forklift Operator", "Logistics", ["employee"],
     "luis.ortega"),
    ("Lucas Martin", "lucas.martin", "Shipping Coordinator", "Logistics", ["employee"],
     "luis.ortega"),
    ("Yuki Tanaka", "yuki.tanaka", "Warehouse Planner", "Logistics", ["employee"],
     "luis.ortega"),
    ("Ahmed Hassan", "ahmed.hassan", "Warehouse Team Lead", "Logistics",
     ["employee", "reviewer"], "luis.ortega"),
    ("Nina Larsen", "nina.larsen", "Support Agent", "Customer Care", ["employee"],
     "kwame.mensah"),
    ("Carlos Ruiz", "carlos.ruiz", "Returns Specialist", "Customer Care", ["employee"],
     "kwame.mensah"),
    ("Amara Diallo", "amara.diallo", "Support Agent", "Customer Care", ["employee"],
     "kwame.mensah"),
    ("Felix Braun", "felix.braun", "Customer Trainer", "Customer Care", ["employee"],
     "kwame.mensah"),
    ("Zoe Clarke", "zoe.clarke", "Knowledge Base Editor", "Customer Care", ["employee"],
     "kwame.mensah"),
    ("Mateo Garcia", "mateo.garcia", "Engineering Manager", "Platform Engineering",
     ["manager"], "dev.patel"),
    ("Leila Karimi", "leila.karimi", "Software Engineer", "Platform Engineering",
     ["employee"], "mateo.garcia"),
    ("Sam Taylor", "sam.taylor", "DevOps Engineer", "Platform Engineering", ["employee"],
     "mateo.garcia"),
    ("Chloe Martin", "chloe.martin", "Data Engineer", "Platform Engineering", ["employee"],
     "mateo.garcia"),
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

