"""Votes and comments (mixed into IdeasService)."""
from __future__ import annotations

from services.ideas import domain, store, validation
from services.ideas.dto import comment_dto, grouped, idea_dto
from services.ideas.models import Comment
from shared.clock import now
from shared.contracts.ideas import IdeaCommented, IdeaVoted
from shared.entrypoints import rpc


class EngagementEntrypoints:
    @rpc
    def vote_idea(self, idea_id: str) -> dict:
        """Idempotent: a second vote by the same person changes nothing and emits nothing."""
        voter = self.caller.require()
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        domain.check_vote(idea.status)
        if store.cast_vote(self.db.session, idea, voter.user_id):
            self.db.emit(IdeaVoted(idea_id=idea.id, voter_id=voter.user_id, voted=True,
                                   vote_count=idea.vote_count))
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def unvote_idea(self, idea_id: str) -> dict:
        """Idempotent: withdrawing a vote that is not there changes nothing."""
        voter = self.caller.require()
        idea = store.find_idea(self.db.session, idea_id, lock=True)
        if store.withdraw_vote(self.db.session, idea, voter.user_id):
            self.db.emit(IdeaVoted(idea_id=idea.id, voter_id=voter.user_id, voted=False,
                                   vote_count=idea.vote_count))
        self.db.commit()
        return idea_dto(self.db.session, idea)

    @rpc
    def get_votes_of(self, voter_id: str, idea_ids: list[str]) -> list[bool]:
        """Whether `voter_id` voted for each idea, in order. Only about oneself."""
        domain.check_may_read_votes(self.caller.require(), voter_id)
        return store.votes_of(self.db.session, voter_id, list(idea_ids))

    @rpc
    def comment_on_idea(self, idea_id: str, body: str) -> dict:
        author = self.caller.require()
        text = validation.validate_comment(body)
        idea = store.find_idea(self.db.session, idea_id)
        comment = store.add_comment(self.db.session, idea, author.user_id, text)
        self.db.emit(IdeaCommented(idea_id=idea.id, title=idea.title, author_id=idea.author_id,
                                   comment_id=comment.id, commenter_id=author.user_id,
                                   excerpt=domain.excerpt(text)))
        self.db.commit()
        return comment_dto(comment)

    @rpc
    def edit_comment(self, comment_id: str, body: str) -> dict:
        editor = self.caller.require()
        comment = self._own_comment(comment_id, editor.user_id)
        comment.body = validation.validate_comment(body)
        comment.updated_at = now()
        self.db.commit()
        return comment_dto(comment)

    @rpc
    def delete_comment(self, comment_id: str) -> str:
        editor = self.caller.require()
        comment = self._own_comment(comment_id, editor.user_id)
        store.delete_comment(self.db.session, comment)
        self.db.commit()
        return comment_id

    def _own_comment(self, comment_id: str, editor_id: str) -> Comment:
        comment = store.find_comment(self.db.session, comment_id)
        domain.check_comment_owner(author_id=comment.author_id, editor_id=editor_id)
        return comment

    @rpc
    def get_comments_of(self, idea_ids: list[str]) -> list[list[dict]]:
        """The comments of each idea, oldest first, in the order of `idea_ids`."""
        self.caller.require()
        rows = store.comments_of(self.db.session, list(idea_ids))
        return grouped(list(idea_ids), rows, "idea_id", comment_dto)
