"""Vietnamese → English translation: Argos packages run through CTranslate2, an exact
proper-noun glossary, and a cache. Heavy libraries load only when a model runs."""
from digest.translate.translator import Translator, load_translator

__all__ = ["Translator", "load_translator"]
