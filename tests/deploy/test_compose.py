"""docker-compose.yml: the compose specification, start-up order, and secret hygiene."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shared.trust import SIGNERS
from tests.deploy.conftest import REPO, SERVICES, discovered_services

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")
SECRET_KEY = re.compile(r"(SECRET|PASSWORD|PASS|TOKEN)$")


def check_compose_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True, text=True, timeout=120,
    )


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    assert isinstance(env, dict), "environment is written as a mapping"
    return {k: str(v) for k, v in env.items()}


def test_compose_file_matches_the_compose_specification():
    result = check_compose_schema(REPO / "docker-compose.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_compose_file(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(
        "services:\n"
        "  gateway:\n"
        "    image: kaizen/gateway\n"
        "    depends_on:\n"
        "      ideas:\n"
        "        condition: service_happy\n"  # not a compose condition
        "    ports: 8000\n"  # must be a list
    )
    result = check_compose_schema(broken)
    assert result.returncode != 0
    assert "service_happy" in result.stdout + result.stderr


def test_every_deployable_and_datastore_is_present(compose):
    services = compose["services"]
    expected = {"rabbitmq", "postgres", "gateway"} | discovered_services()
    expected |= {f"migrate-{name}" for name in discovered_services()}
    assert expected <= set(services), sorted(expected - set(services))


def test_rabbitmq_and_postgres_are_durable_and_health_checked(compose):
    rabbit, postgres = compose["services"]["rabbitmq"], compose["services"]["postgres"]
    assert rabbit["image"].startswith("rabbitmq:4") and "management" in rabbit["image"]
    assert postgres["image"] == "postgres:15"
    assert any(v.endswith(":/var/lib/rabbitmq") for v in rabbit["volumes"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert {"rabbitmq-data", "postgres-data"} <= set(compose["volumes"])
    # RabbitMQ keeps its data under a node name derived from the hostname
    assert rabbit["hostname"] == "rabbitmq"
    for service in (rabbit, postgres):
        assert service["healthcheck"]["test"]


def test_postgres_creates_one_database_per_service(compose):
    postgres = compose["services"]["postgres"]
    assert ("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/"
            "10-init-databases.sh:ro") in postgres["volumes"]
    env = environment(postgres)
    assert set(env["KAIZEN_DATABASES"].split()) == discovered_services()
    for name in discovered_services():
        assert f"KAIZEN_{name.upper()}_DB_PASSWORD" in env


def test_gateway_publishes_port_8000(compose):
    gateway = compose["services"]["gateway"]
    assert "8000:8000" in [str(p) for p in gateway["ports"]]
    assert "/readyz" in " ".join(gateway["healthcheck"]["test"])


def test_start_up_is_health_gated(compose):
    services = compose["services"]
    for name, service in services.items():
        for dependency, spec in (service.get("depends_on") or {}).items():
            assert isinstance(spec, dict), f"{name}: depends_on {dependency} needs a condition"
            condition = spec["condition"]
            assert condition in {"service_healthy", "service_completed_successfully"}, (
                name, dependency, condition)
            if condition == "service_healthy":
                assert services[dependency].get("healthcheck"), (
                    f"{name} waits for {dependency} to be healthy but it has no healthcheck")
    for name in discovered_services():
        deps = services[name]["depends_on"]
        assert deps[f"migrate-{name}"]["condition"] == "service_completed_successfully"
        assert deps["rabbitmq"]["condition"] == "service_healthy"
        assert services[f"migrate-{name}"]["depends_on"]["postgres"]["condition"] == (
            "service_healthy")
        assert services["gateway"]["depends_on"][name]["condition"] == "service_healthy"


def test_services_and_migrations_run_the_expected_commands(compose):
    services = compose["services"]
    for name in discovered_services():
        service, migrate = services[name], services[f"migrate-{name}"]
        # every service image is the one template, the service picked by a build arg
        assert service["build"]["dockerfile"] == "deploy/docker/service.Dockerfile"
        assert service["build"]["context"] == "."
        assert service["build"]["args"]["SERVICE"] == name
        assert migrate["build"] == service["build"]
        assert migrate["image"] == service["image"]
        assert migrate["command"] == ["python", "-m", "shared.migrate", name]
        assert migrate["restart"] == "no"
        assert "127.0.0.1:9100/readyz" in " ".join(service["healthcheck"]["test"])
        # nameko drains on SIGTERM; the longest RPC timeout is 10 s
        assert service["stop_grace_period"] == "30s"
        env = environment(service)
        assert env["KAIZEN_METRICS_PORT"] == "9100"
        assert f"KAIZEN_{name.upper()}_DB_URL" in env and "AMQP_URI" in env
        assert env[f"KAIZEN_{name.upper()}_DB_URL"].startswith("postgresql+psycopg://")
        assert env[f"KAIZEN_{name.upper()}_DB_URL"].endswith(f"@postgres:5432/{name}")
        # least privilege: the user-JWT secret is the gateway's alone
        assert "KAIZEN_JWT_SECRET" not in env
        assert "KAIZEN_SERVICE_TOKEN_SECRET" not in env  # asymmetric keys instead
        assert env["KAIZEN_KEYS_DIR"] == "/etc/kaizen/keys"
        mounts = {m.rsplit(":", 2)[1]: m for m in service["volumes"]}  # host:path:ro
        assert mounts["/etc/kaizen/keys/public"].endswith(":ro")
        private = {m for m in mounts if m.startswith("/etc/kaizen/keys/private")}
        assert private == ({f"/etc/kaizen/keys/private/{name}"}
                           if name in CALLERS_OF_OTHERS else set())
    insights = services["insights"]["deploy"]["resources"]["limits"]
    assert insights["memory"] == "1536M"


CALLERS_OF_OTHERS = set(SIGNERS) - {"gateway", "admin"}


def url_passwords(value: str) -> list[str]:
    """The password part of every user:password@ in value (${...} may hold ':' itself)."""
    parts = [m.group(0) for m in INTERPOLATION.finditer(value)]
    masked = INTERPOLATION.sub(lambda m: f"\x00{parts.index(m.group(0))}\x00", value)
    passwords = []
    for userinfo in re.findall(r"://([^@/]*)@", masked):
        password = userinfo.partition(":")[2]
        passwords.append(re.sub(r"\x00(\d+)\x00", lambda m: parts[int(m.group(1))], password))
    return passwords


def test_url_passwords_are_found_despite_colons_in_interpolations():
    url = "amqp://${U:?set U: please}:${P:?set P}@rabbitmq:5672/"
    assert url_passwords(url) == ["${P:?set P}"]
    assert url_passwords("postgresql://ideas:hunter2@db/ideas") == ["hunter2"]


def _secret_values(compose: dict):
    for name, service in compose["services"].items():
        for key, value in environment(service).items():
            yield name, key, value


def test_no_secret_is_written_inline(compose):
    for service, key, value in _secret_values(compose):
        if SECRET_KEY.search(key):
            match = INTERPOLATION.fullmatch(value)
            assert match, f"{service}.{key} must come from .env, got {value!r}"
            assert match.group(2) in (None, ":?", "?"), (
                f"{service}.{key}: a default value would be an inline secret")
        for password in url_passwords(value):
            assert password, f"{service}.{key}: URL without a password"
            match = INTERPOLATION.fullmatch(password)
            assert match and match.group(2) in (None, ":?", "?"), (
                f"{service}.{key}: the password in the URL must be a ${{...}} from .env")


def test_no_example_secret_value_leaks_into_compose():
    text = (REPO / "docker-compose.yml").read_text()
    example = (REPO / ".env.example").read_text()
    for line in example.splitlines():
        key, sep, value = line.partition("=")
        if sep and SECRET_KEY.search(key) and value:
            assert value not in text, f"{key}'s example value is written in docker-compose.yml"


def _env_example() -> dict[str, str]:
    values = {}
    for line in (REPO / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_env_example_documents_every_variable_compose_reads():
    text = (REPO / "docker-compose.yml").read_text().replace("$$", "")
    used = {m.group(1) for m in INTERPOLATION.finditer(text)}
    documented = _env_example()
    assert used - set(documented) == set(), "undocumented: add them to .env.example"
    assert set(documented) - used == set(), ".env.example lists variables compose never reads"
    # every variable, or block of consecutive variables, has a comment above it
    lines = (REPO / ".env.example").read_text().splitlines()
    for i, line in enumerate(lines):
        if line and not line.startswith("#"):
            j = i - 1
            while j >= 0 and lines[j] and not lines[j].startswith("#"):
                j -= 1
            assert j >= 0 and lines[j].startswith("#"), f"{line.split('=')[0]} is unexplained"


def test_env_example_is_enough_for_compose_interpolation():
    """Every ${VAR:?} that compose requires has a value in .env.example."""
    text = (REPO / "docker-compose.yml").read_text().replace("$$", "")
    documented = _env_example()
    for match in INTERPOLATION.finditer(text):
        if match.group(2) in (":?", "?"):
            assert documented.get(match.group(1)), f"{match.group(1)} is required but empty"


def test_env_file_stays_out_of_images():
    ignore = (REPO / ".dockerignore").read_text().splitlines()
    assert ".env" in ignore and ".env.*" in ignore and "!.env.example" in ignore


@pytest.fixture(scope="module")
def pg_for_init_script():
    from tests.support.postgres import Cluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None or not (bin_dir / "psql").exists():
        pytest.skip("PostgreSQL binaries not installed: init-databases.sh not exercised")
    cluster = Cluster(bin_dir).start()
    yield cluster
    cluster.stop()


def test_init_databases_script_creates_isolated_databases(pg_for_init_script):
    cluster = pg_for_init_script
    psql = str(cluster.bin_dir / "psql")
    env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(cluster.port),
           "POSTGRES_USER": cluster.user, "PATH": f"{cluster.bin_dir}:{os.environ['PATH']}",
           "KAIZEN_DATABASES": " ".join(SERVICES)}
    for name in SERVICES:
        env[f"KAIZEN_{name.upper()}_DB_PASSWORD"] = f"pw-{name}-'quote\"s"
    script = REPO / "deploy" / "postgres" / "init-databases.sh"
    for _ in range(2):  # idempotent
        result = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr

    def query(sql: str, user: str = cluster.user, db: str = "postgres"):
        return subprocess.run([psql, "-U", user, "-d", db, "-Atc", sql], env=env,
                              capture_output=True, text=True, timeout=30)

    owners = dict(line.split("|") for line in query(
        "SELECT datname, pg_get_userbyid(datdba) FROM pg_database").stdout.split())
    for name in SERVICES:
        assert owners[name] == name
    # another service's role cannot even connect
    denied = query("SELECT 1", user="career", db="ideas")
    assert denied.returncode != 0 and "CONNECT" in denied.stderr
    assert query("CREATE TABLE t (x int)", user="ideas", db="ideas").returncode == 0

    missing = {k: v for k, v in env.items() if k != "KAIZEN_IDEAS_DB_PASSWORD"}
    result = subprocess.run(["bash", str(script)], env=missing, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "KAIZEN_IDEAS_DB_PASSWORD" in result.stderr


def test_compose_runs_every_kaizen_process_in_production_mode(compose):
    for name in {"gateway"} | discovered_services():
        assert environment(compose["services"][name])["KAIZEN_ENV"] == \
            "${KAIZEN_ENV:-production}", name
    # the gateway's metrics port (9100 in production) stays inside the compose network
    assert compose["services"]["gateway"]["ports"] == ["8000:8000"]
