"""The command line's own words: Dutch by default, English with `--lang en` or IVP_LANG=en."""

from __future__ import annotations

from click.testing import CliRunner, Result

from graph.config import Settings


def ivp(settings: Settings, *args: str, env: dict[str, str] | None = None) -> Result:
    from cli import main

    where = ["--data", str(settings.data_dir), "--dist", str(settings.dist_dir)]
    return CliRunner().invoke(main, [*where, *args], env={"IVP_LANG": "", **(env or {})})


def test_the_build_report_is_dutch_by_default_and_english_on_request(built: Settings) -> None:
    dutch = ivp(built, "build")
    assert dutch.exit_code == 0, dutch.output
    assert dutch.stdout.startswith("Actueel: ")
    assert "plannen gecontroleerd" in dutch.stdout and "ongewijzigd)" in dutch.stdout
    english = ivp(built, "--lang", "en", "build")
    assert english.stdout.startswith("Up to date: ") and "plans checked" in english.stdout
    assert ivp(built, "build", env={"IVP_LANG": "en"}).stdout.startswith("Up to date: ")
    # --lang wins over the environment
    assert ivp(built, "--lang", "nl", "build", env={"IVP_LANG": "en"}).stdout.startswith(
        "Actueel: "
    )


def test_messages_of_the_error_boundary_follow_the_language(built: Settings) -> None:
    dutch = ivp(built, "theme", "ondermijnin")
    assert dutch.exit_code == 1
    assert dutch.stderr.startswith("Fout: Geen thema 'ondermijnin'.")
    english = ivp(built, "--lang", "EN", "theme", "ondermijnin")
    assert english.exit_code == 1 and english.stderr.startswith("Error: No theme 'ondermijnin'.")
    valid = ivp(built, "validate")
    assert valid.exit_code == 0 and valid.stderr.splitlines()[-1] == (
        "Geldig: geen problemen gevonden."
    )
    assert ivp(built, "--lang", "en", "validate").stderr.splitlines()[-1] == (
        "Valid: no problems found."
    )


def test_a_language_we_lack_is_a_usage_error(built: Settings) -> None:
    given = ivp(built, "--lang", "fr", "plans")
    assert given.exit_code == 2 and "'fr' is not one of 'nl', 'en'" in given.stderr
    from_env = ivp(built, "plans", env={"IVP_LANG": "fr"})
    assert from_env.exit_code == 2
    assert "unknown language 'fr': choose one of nl, en" in from_env.stderr


def test_what_a_command_wrote_is_said_in_the_language(built: Settings, tmp_path) -> None:
    target = tmp_path / "themes.graphml"
    args = ("export", "--format", "graphml", "--view", "themes", "--plan", "nijmegen-2022")
    dutch = ivp(built, *args, "-o", str(target))
    assert dutch.exit_code == 0, dutch.output
    assert dutch.stderr.splitlines()[-1] == f"Geschreven: {target}"
    english = ivp(built, "--lang", "en", *args, "-o", str(target))
    assert english.stderr.splitlines()[-1] == f"Wrote {target}"
