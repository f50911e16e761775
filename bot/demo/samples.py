"""Read the demo's sample archive: four fictional agendas and minutes shipped with the package.

The documents belong to a fictional group, Styregruppen for Rammeaftale Vestkysten (seven
fictional municipalities and Region Vestkyst, 2023–2025), written in the layouts real Danish
steering groups use, so the demo imports them the way it imports an uploaded archive:

* ``vestkysten-2023-09-08-dagsorden-med-beslutninger.txt``: an agenda with the decisions
  filled in, as the text layer of a PDF (a blank line after every line, words hyphenated at
  line ends, link URLs repeated at page ends, a page footer);
* ``vestkysten-2024-02-02-referat.txt``: minutes with a participants table and a table of
  contents;
* ``vestkysten-2024-10-04-referat.md``: Markdown minutes whose decisions stand under
  "Referat" as plain paragraphs;
* ``vestkysten-2025-01-10-dagsorden.txt``: the agenda of the next meeting, with a late item 4B.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from bot.domain.enums import Role

__all__ = [
    "GROUP_NAME",
    "MEMBERS",
    "SAMPLE_NAMES",
    "SECRETARIAT",
    "SampleMember",
    "sample_files",
]

GROUP_NAME = "Styregruppen for Rammeaftale Vestkysten"
SECRETARIAT = "Rammeaftalesekretariatet Vestkysten"

# Oldest meeting first: the order an archive is imported in.
SAMPLE_NAMES: tuple[str, ...] = (
    "vestkysten-2023-09-08-dagsorden-med-beslutninger.txt",
    "vestkysten-2024-02-02-referat.txt",
    "vestkysten-2024-10-04-referat.md",
    "vestkysten-2025-01-10-dagsorden.txt",
)

_PACKAGE = "bot.demo"
_FOLDER = "samples"


@dataclass(frozen=True, slots=True)
class SampleMember:
    """One member of the fictional group, as the 2024 minutes list them."""

    name: str
    title: str
    organisation: str
    role: Role


# The group as it stands in the 2024 minutes (participants and afbud), so that a demo
# workspace can give its fake users the names the minutes use.
MEMBERS: tuple[SampleMember, ...] = (
    SampleMember("Hanne Kjærgaard", "Direktør, formand", "Havnby Kommune", Role.CHAIR),
    SampleMember("Jens Ulrik Thomsen", "Socialdirektør", "Klitrup Kommune", Role.MEMBER),
    SampleMember("Mette Lykke Brandt", "Centerchef", "Engholm Kommune", Role.MEMBER),
    SampleMember("Søren Vestergaard Holm", "Socialchef", "Sønderlev Kommune", Role.MEMBER),
    SampleMember("Ole Kragh", "Direktør for Social og Sundhed", "Lyngmose Kommune", Role.MEMBER),
    SampleMember("Peter Skovbo", "Kommunaldirektør", "Vestmark Kommune", Role.MEMBER),
    SampleMember("Birgitte Aagaard", "Socialchef", "Region Vestkyst", Role.MEMBER),
    SampleMember("Lars Bundgaard", "Chefkonsulent", SECRETARIAT, Role.SECRETARY),
    SampleMember("Rikke Dalsgaard", "Specialkonsulent", SECRETARIAT, Role.SECRETARY),
)


def sample_files() -> list[tuple[str, bytes]]:
    """Return the sample documents as (file name, content), oldest meeting first."""
    folder = resources.files(_PACKAGE).joinpath(_FOLDER)
    return [(name, folder.joinpath(name).read_bytes()) for name in SAMPLE_NAMES]
