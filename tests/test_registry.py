"""The actor registry: the shipped file loads, covers the seeds' actors, and bad files fail clearly."""

import datetime as dt

import pytest

from helpers.extract.registry import RegistryError, load_registry, parse_registry


def test_shipped_registry_has_types_roles_and_affiliations():
    registry = load_registry()
    assert len(registry.actors) > 100
    assert registry.actors["al_qassam_brigades"].affiliation == "hamas"
    assert registry.actors["al_quds_brigades"].affiliation == "palestinian_islamic_jihad"
    assert registry.actors["qassem_soleimani"].affiliation == "quds_force"
    assert registry.actors["quds_force"].affiliation == "irgc"
    rows = registry.actor_rows()
    assert set(rows[0]) == {"actor_id", "name", "type", "aliases", "affiliation", "country", "origin",
                            "merged_from", "merge_reasons"}
    assert {row["origin"] for row in rows} == {"registry"}


@pytest.mark.parametrize("title, org, day, holder", [
    ("foreign minister", "iran", dt.date(2015, 12, 1), "mohammad_javad_zarif"),
    ("foreign minister", "iran", dt.date(2021, 8, 24), "mohammad_javad_zarif"),
    ("foreign minister", "iran", dt.date(2021, 8, 25), "hossein_amir_abdollahian"),
    ("president", "iran", dt.date(2017, 12, 12), "hassan_rouhani"),
    ("president", "iran", dt.date(2023, 10, 16), "ebrahim_raisi"),
    ("supreme leader", "iran", dt.date(2015, 12, 1), "ali_khamenei"),
    ("political bureau chief", "hamas", dt.date(2016, 8, 30), "khaled_mashaal"),
    ("political bureau chief", "hamas", dt.date(2019, 11, 19), "ismail_haniyeh"),
    ("commander", "quds_force", dt.date(2017, 12, 12), "qassem_soleimani"),
    ("prime minister", "israel", dt.date(2023, 10, 16), "benjamin_netanyahu"),
])
def test_roles_give_one_holder_per_date(title, org, day, holder):
    assert [a.actor_id for a in load_registry().holders([title], org, day)] == [holder]


def test_explicitly_empty_registry_is_allowed(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("# no actors: every actor is found in the text\nactors: []\n")
    registry = load_registry(path)
    assert registry.actors == {} and registry.actor_rows() == []


@pytest.mark.parametrize("text, found", [
    ("actor:\n  - {id: iran, name: Iran, type: state}\n", "found top-level keys 'actor'"),
    ("states:\n  Iran: {aliases: [Persia]}\nnot_states: []\n", "found top-level keys 'states', 'not_states'"),
    ("", "found an empty file"),
    ("- {id: iran, name: Iran, type: state}\n", "found a list"),
])
def test_file_without_an_actors_key_is_refused_naming_the_file(tmp_path, text, found):
    # before: any YAML file without 'actors:' silently became an empty registry (0 actors, exit 0)
    path = tmp_path / "typo.yaml"
    path.write_text(text)
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    message = str(error.value)
    assert message.startswith(f"{path}: not an actor registry: no 'actors:' key")
    assert found in message and "Write 'actors: []' for an empty registry" in message


def test_yaml_error_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("actors:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(RegistryError, match="broken.yaml: not valid YAML"):
        load_registry(path)


def test_entry_missing_a_field_is_named():
    text = "actors:\n  - {id: iran, name: Iran, type: state}\n  - {id: hamas, name: Hamas}\n"
    with pytest.raises(RegistryError,
                       match=r"my.yaml: actor entry #2 \(id 'hamas'\): missing required field\(s\) type"):
        parse_registry(text, "my.yaml")


@pytest.mark.parametrize("text, message", [
    ("actors:\n  - {id: a, name: A, type: tribe}\n", "type 'tribe' is not one of"),
    ("actors:\n  - {id: a, name: A, type: person, affiliation: nobody}\n", "affiliation 'nobody' is not an actor id"),
    ("actors:\n  - {id: a, name: A, type: person}\n  - {id: a, name: B, type: person}\n", "duplicate id 'a'"),
    ("actors:\n  - {id: a, name: A, type: person, roles: [{title: x, organisation: a, start: 2020-13-01}]}\n",
     "is not YYYY-MM-DD"),
    ("actors:\n  - {id: a, name: A, type: person, alias: [B]}\n", "unknown field"),
])
def test_invalid_entries_raise_clear_errors(text, message):
    with pytest.raises(RegistryError, match=message):
        parse_registry(text, "user.yaml")


def test_missing_user_file_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_registry(tmp_path / "nope.yaml")
