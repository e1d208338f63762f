"""System checks for the translation app."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from workbench.common.checks import installation_checks
from workbench.translation.checks import check_engines
from workbench.translation.engines.registry import reset_engines


def test_warns_when_no_pair_is_installed(tmp_path, settings):
    """With an empty packages directory, the check warns (translation.W001) with a hint."""
    settings.ARGOS_PACKAGES_DIR = tmp_path
    with installation_checks():
        messages = check_engines()
    assert [m.id for m in messages] == ["translation.W001"]
    assert "translation_models install" in messages[0].hint


def test_no_warning_with_an_installed_pair(installed):
    """With a pair installed the default configuration is clean."""
    with installation_checks():
        assert check_engines() == []


@pytest.mark.parametrize("deploy", [False, True])
def test_manage_py_check_reports_the_missing_pair(tmp_path, settings, deploy):
    """``check`` and ``check --deploy`` print translation.W001 when nothing is installed."""
    settings.ARGOS_PACKAGES_DIR = tmp_path
    out, err = StringIO(), StringIO()
    call_command("check", *(["--deploy"] if deploy else []), stdout=out, stderr=err)
    assert "translation.W001" in out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_other_commands_do_not_repeat_the_warning(tmp_path, settings):
    """A command that runs the system checks first (here ``run_jobs --once``) stays quiet
    about the missing pair; the advice belongs to ``check``."""
    settings.ARGOS_PACKAGES_DIR = tmp_path
    out, err = StringIO(), StringIO()
    call_command("run_jobs", "--once", skip_checks=False, stdout=out, stderr=err)
    assert "W001" not in out.getvalue() + err.getvalue()
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
