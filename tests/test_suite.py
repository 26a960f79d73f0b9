"""The suite itself: it gives the same verdict on every run and machine."""
from __future__ import annotations

import importlib
import pkgutil

import tests


def test_every_property_test_draws_the_same_cases_on_every_run():
    """conftest's Hypothesis profile (derandomize, no example database) reaches every @given
    test, with each test's own number of cases."""
    found = []
    for module_info in pkgutil.iter_modules(tests.__path__):
        if not module_info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.{module_info.name}")
        for name, value in vars(module).items():
            if getattr(value, "is_hypothesis_test", False):
                chosen = value._hypothesis_internal_use_settings
                found.append((f"{module_info.name}.{name}", chosen))
    assert len(found) >= 12
    for name, chosen in found:
        assert chosen.derandomize, name
        assert chosen.database is None, name
    by_name = dict(found)
    assert by_name["test_html.test_extract_never_raises_anything_but_input_error"].max_examples == 150
