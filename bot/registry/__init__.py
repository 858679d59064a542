"""The registry of partner cities, diplomatic contacts, missions and the office's contacts.

The registry is the records; :class:`RegistryDatabase` is where they are kept, and
:class:`RegistryData` (:mod:`.snapshot`) is all of them as read into memory.
"""

from .database import RegistryDatabase
from .files import load_registry_files
from .snapshot import RegistryData

__all__ = ["RegistryData", "RegistryDatabase", "load_registry_files"]
