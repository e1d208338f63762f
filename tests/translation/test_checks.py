"""System checks for the translation app."""

from django.test import override_settings

from workbench.translation.checks import check_engines
from workbench.translation.engines.registry import reset_engines


def test_warns_when_no_pair_is_installed(tmp_path, settings):
    """With an empty packages directory, the check warns (translation.W001) with a hint."""
    settings.ARGOS_PACKAGES_DIR = tmp_path
    messages = check_engines()
    assert [m.id for m in messages] == ["translation.W001"]
    assert "translation_models install" in messages[0].hint


def test_no_warning_with_an_installed_pair(installed):
    """With a pair installed the default configuration is clean."""
    assert check_engines() == []


def test_unknown_engine_is_an_error(installed):
    """An engine path that cannot be imported is reported as translation.E001."""
    reset_engines()
    with override_settings(
        WORKBENCH_MT_ENGINES=[
            "workbench.translation.engines.echo.EchoEngine",
            "workbench.translation.engines.nope.Missing",
        ]
    ):
        assert [m.id for m in check_engines()] == ["translation.E001"]
    reset_engines()
