"""What a program's batch is checked against: its role, or its posting read as an ATS reads it.

Shared by ``jobkit batch --program`` and the Batch page, so both check a
program's students against the same thing and refuse the same bad files.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobkit.data.programs import Program, load_program
from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchTarget


@dataclass(frozen=True)
class ProgramTarget:
    program: Program
    role: str | None
    job: str | None  # the posting's text, when the program names a posting
    target_pages: int

    def batch_target(self, federal: bool | None = None) -> BatchTarget:
        """What each resume of the program's batch is checked against."""
        return BatchTarget(role=self.role, job=self.job, pages=self.target_pages, federal=federal,
                           program=self.program.id)


def program_target(program_id: str, target_pages: int | None = None) -> ProgramTarget:
    """The program and what its batch checks against; ``target_pages`` overrides the program's page target.

    Raises NotFound for an unknown program and InvalidInput when a program
    term is one its posting never asks for (a check would never look for it).
    """
    program = load_program(program_id)
    posting = _posting_text(program) if program.posting_path is not None else None
    return ProgramTarget(program, program.role, posting, target_pages or program.target_pages)


def stored_program(target: BatchTarget) -> Program | None:
    """The program a batch's target names, loaded again from its file (None without one)."""
    return load_program(target.program) if target.program else None


def _posting_text(program: Program) -> str:
    from jobkit.match.target import posting_target, posting_text_from_file

    assert program.posting_path is not None
    text = posting_text_from_file(program.posting_path)
    asked = {r.term.id for r in posting_target(text).requirements}
    missing = [t for t in program.terms if t not in asked]
    if missing:
        raise InvalidInput(
            f"{program.id}.toml: field 'terms' names {', '.join(missing)}, which the posting {program.posting} "
            "does not ask for, so a check would never look for them.")
    return text
