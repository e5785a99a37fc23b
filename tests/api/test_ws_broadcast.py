"""Which subscriptions may share one execution: same document, operation,
variables and identity — never two identities."""

from __future__ import annotations

from types import SimpleNamespace

from api.ws_broadcast import Broadcast
from auth.viewer import Viewer

CLERK = Viewer(kind="STAFF", account_id="a1", roles=frozenset({"CLERK"}), department_id="d1",
               token_id="t1", expires_at=100)


def _op(query="subscription { applicationUpdated { action } }", variables=None, name=None):
    return SimpleNamespace(query=query, variables=variables, operation_name=name)


def _ctx(viewer):
    return SimpleNamespace(viewer=viewer)


def test_two_sign_ins_of_one_identity_share_but_other_identities_do_not():
    key = Broadcast.key(_op(), _ctx(CLERK))
    again = Viewer(**{**CLERK.__dict__, "token_id": "t2", "expires_at": 200})
    assert Broadcast.key(_op(), _ctx(again)) == key
    for other in (Viewer(**{**CLERK.__dict__, "account_id": "a2"}),
                  Viewer(**{**CLERK.__dict__, "roles": frozenset({"CLERK", "APPROVER"})}),
                  Viewer(**{**CLERK.__dict__, "department_id": "d2"}),
                  Viewer(**{**CLERK.__dict__, "device_id": "handheld-1"})):
        assert Broadcast.key(_op(), _ctx(other)) != key


def test_documents_variables_and_operation_names_part_groups():
    key = Broadcast.key(_op(variables={"a": 1, "b": 2}), _ctx(CLERK))
    assert Broadcast.key(_op(variables={"b": 2, "a": 1}), _ctx(CLERK)) == key
    assert Broadcast.key(_op(variables={"a": 2, "b": 2}), _ctx(CLERK)) != key
    assert Broadcast.key(_op(variables={"a": 1, "b": 2}, name="Op"), _ctx(CLERK)) != key
    assert Broadcast.key(_op(query="subscription { x }", variables={"a": 1, "b": 2}),
                         _ctx(CLERK)) != key


def test_a_context_without_a_viewer_runs_alone():
    assert Broadcast.key(_op(), SimpleNamespace()) is None
