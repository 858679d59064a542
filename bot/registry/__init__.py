"""The registry of partner cities, diplomatic contacts, missions and the office's contacts."""

from .database import Registry
from .files import load_registry_files
from .records import RegistryData

__all__ = ["Registry", "RegistryData", "load_registry_files"]
