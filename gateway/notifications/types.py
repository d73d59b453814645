"""GraphQL types of notifications: inbox items, preferences, chat channels, deliveries."""
from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from gateway.iso import moment


@strawberry.enum(description="What a notification is about.")
class NotificationSubject(Enum):
    IDEA = "IDEA"
    EXPERIMENT = "EXPERIMENT"
    OPPORTUNITY = "OPPORTUNITY"
    MENTORING = "MENTORING"
    MENTORSHIP = "MENTORSHIP"
    MENTORING_PROGRAMME = "MENTORING_PROGRAMME"
    REFLECTION = "REFLECTION"
    CHECK_IN = "CHECK_IN"
    ONE_ON_ONE = "ONE_ON_ONE"
    KUDOS = "KUDOS"


@strawberry.enum(description="How often e-mail is sent: never, daily from 07:00 or weekly "
                             "from Monday 07:00 in the person's time zone.")
class DigestFrequency(Enum):
    NONE = "NONE"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"


@strawberry.enum
class ChatChannelKind(Enum):
    SLACK = "SLACK"
    TEAMS = "TEAMS"
    WEBHOOK = "WEBHOOK"


@strawberry.enum
class DeliveryStatus(Enum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    PARKED = "PARKED"


@strawberry.type(description="One thing the signed-in person was told.")
class Notification:
    id: strawberry.ID
    kind: str = strawberry.field(description="IDEA_COMMENTED, RUN_CHART_SIGNAL, ... (see "
                                             "notificationPreferences for every kind).")
    title: str
    body: str
    subject_type: NotificationSubject
    subject_id: strawberry.ID
    subject_title: str
    link: str
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> Notification:
        return cls(id=strawberry.ID(dto["id"]), kind=dto["kind"], title=dto["title"],
                   body=dto["body"], subject_type=NotificationSubject(dto["subject_type"]),
                   subject_id=strawberry.ID(dto["subject_id"]),
                   subject_title=dto["subject_title"], link=dto.get("link", ""),
                   created_at=moment(dto["created_at"]),
                   read_at=moment(dto["read_at"]) if dto.get("read_at") else None)


@strawberry.type
class KindPreference:
    kind: str
    label: str
    team_visible: bool = strawberry.field(
        description="May go to a team's chat channel (personal kinds never do).")
    in_app: bool
    email: bool
    chat: bool


@strawberry.type(description="Local times, HH:MM; the span may cross midnight.")
class QuietHours:
    from_: str = strawberry.field(name="from")
    until: str


@strawberry.type
class NotificationPreferences:
    kinds: list[KindPreference]
    digest: DigestFrequency
    time_zone: str
    quiet_hours: QuietHours | None

    @classmethod
    def from_dto(cls, dto: dict) -> NotificationPreferences:
        quiet = dto.get("quiet_hours")
        return cls(kinds=[KindPreference(**k) for k in dto["kinds"]],
                   digest=DigestFrequency(dto["digest"]), time_zone=dto["time_zone"],
                   quiet_hours=QuietHours(from_=quiet["from"], until=quiet["until"])
                   if quiet else None)


@strawberry.type
class ChatChannel:
    id: strawberry.ID
    kind: ChatChannelKind
    url: str
    team_ids: list[str]
    kinds: list[str]
    created_at: datetime
    secret: str | None = strawberry.field(
        default=None, description="Signs WEBHOOK deliveries; only in createChatChannel's answer.")

    @classmethod
    def from_dto(cls, dto: dict) -> ChatChannel:
        return cls(id=strawberry.ID(dto["id"]), kind=ChatChannelKind(dto["kind"]),
                   url=dto["url"], team_ids=dto["team_ids"], kinds=dto["kinds"],
                   created_at=moment(dto["created_at"]), secret=dto.get("secret"))


@strawberry.type
class ChatChannelTest:
    ok: bool
    error: str | None


@strawberry.type(description="One message for one chat channel, retried with backoff.")
class ChatDelivery:
    id: strawberry.ID
    channel_id: strawberry.ID
    kind: str
    title: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None

    @classmethod
    def from_dto(cls, dto: dict) -> ChatDelivery:
        def at(key: str) -> datetime | None:
            return moment(dto[key]) if dto.get(key) else None
        return cls(id=strawberry.ID(dto["id"]), channel_id=strawberry.ID(dto["channel_id"]),
                   kind=dto["kind"], title=dto["title"], status=DeliveryStatus(dto["status"]),
                   attempts=dto["attempts"], next_attempt_at=at("next_attempt_at"),
                   last_error=dto["last_error"], created_at=moment(dto["created_at"]),
                   delivered_at=at("delivered_at"))


@strawberry.type
class NotificationsMarkedRead:
    unread_count: int


@strawberry.type
class DeletedChatChannel:
    id: strawberry.ID
