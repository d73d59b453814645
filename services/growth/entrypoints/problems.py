"""A problem raised in a check-in becomes an improvement idea (mixed into GrowthService)."""
from __future__ import annotations

from services.growth import access, domain
from services.growth.people import Directory
from shared.entrypoints import rpc


class ProblemEntrypoints:
    @rpc
    def turn_problem_into_idea(self, check_in_id: str, problem_index: int) -> dict:
        """The person who raised it submits the idea (their consent is this call); the idea
        records the problem as its source and the problem the idea: linked both ways. A
        retry after a lost answer gets the same idea (the ideas service keeps sources
        unique); a second call once it is recorded is a Conflict."""
        person = self.caller.require()
        check_in, chain = access.readable_check_in(self.db.session, Directory(self.career_rpc),
                                                   person, check_in_id)
        domain.check_own_check_in(person, check_in.person_id)
        problems = [i for i in check_in.items if i.kind == "PROBLEM"]
        domain.check_problem_index(problems, problem_index)
        problem = problems[problem_index]
        domain.check_no_idea_yet(problem.idea_id)
        idea = self.ideas_rpc.submit_idea({
            "title": domain.idea_title(problem.text), "problem": problem.text,
            "source_ref": domain.source_ref(check_in.id, problem_index)})
        problem.idea_id = idea["id"]
        self.db.commit()
        return {"check_in": access.check_in_answer(person, check_in, chain), "idea": idea}
