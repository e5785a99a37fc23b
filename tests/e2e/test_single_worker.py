"""Every app's journey as a program against one real single-worker server."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import run_app

pytestmark = pytest.mark.live


async def test_citizen_applies_follows_live_corrects_rates_and_applies_across_provinces(
        gateway, idp):
    out = (await run_app("citizen_app", "--server", gateway.url, "--idp", idp,
                         "--require-all")).ok()
    assert "已登录（首次登录，已建账户）" in out
    for found in ("基本医疗保险关系转移接续", "居住证申领", "个体工商户设立登记", "社会保障卡申领"):
        assert f"找到「{found}」" in out
    assert "GET 未命中 → POST 登记查询文本" in out and "GET 持久化查询命中" in out
    assert out.count("模拟应答丢失后用同一幂等键重发：仍是同一办件") == 2
    # the clerk console ran as its own program, and every move reached the citizen live
    assert "│ 窗口   ✓ 一次性告知补正（共1项材料） → 待补正" in out
    assert "实时收到 2 条进度推送" in out and "实时收到 6 条进度推送" in out
    assert out.count("📱 推送") == 8
    assert "补正后重新提交 → 已提交" in out
    assert "已评价：5 非常满意" in out
    assert "全程网办：收件地 310104 → 办理地 330212" in out
    assert "钱受理（CLERK） · 鄞州区人力资源和社会保障局" in out
    assert re.search(r"33021220\d{12} 社会保障卡申领 · 鄞州区人力资源和社会保障局 · 已受理", out)
    assert "skipped" not in out


async def test_clerk_console_lists_the_queue(gateway):
    out = (await run_app("clerk_console", "--server", gateway.url, "--require-all")).ok()
    assert "王受理（CLERK） · 西湖区市场监督管理局" in out
    assert re.search(r"共 \d+ 件（HANDLING）", out)


async def test_clerk_console_refuses_a_move_the_state_machine_does_not_allow(gateway):
    """An unexpected answer ends the program with a non-zero exit and says why."""
    listed = (await run_app("clerk_console", "--server", gateway.url,
                            "--status", "DELIVERED")).ok()
    number = re.search(r"· (3301\d{16})  .*\[已送达\]", listed)
    assert number is not None, listed  # the demo data has one
    run = await run_app("clerk_console", "--server", gateway.url, "--number", number[1],
                        "--status", "DELIVERED", "--do", "accept")
    assert run.code == 1 and "✗ 意外的应答：applicationAccept 被拒绝" in run.output


async def test_inspector_activates_inspects_offline_syncs_over_a_bad_link_and_fines(
        gateway, tmp_path):
    state = str(tmp_path / "handheld")
    out = (await run_app("inspector_app", "--server", gateway.url, "--state-dir", state,
                         "--require-all")).ok()
    assert "设备激活（首次）" in out and "令牌绑定设备 HH-" in out
    assert "✓ 离线队列 3 条" in out
    # the first sync request was lost, the second stored but unanswered: same batch again
    assert "drop → cut" in out
    assert "第 1 批 2 条（第 3 次发送成功）" in out
    assert out.count("DUPLICATE 已在中断的上传中保存") == 2 and "ACCEPTED 已保存" in out
    assert "3 条记录全部保存；队列剩余 0 条" in out
    assert out.count("证据已全部上传") == 3
    # 简易程序 on the problem found: decided, handed over and paid on the spot
    assert "决定：警告；罚款人民币50.00元" in out
    assert "当场行政处罚决定书" in out and "罚款已收缴" in out
    assert "skipped" not in out

    again = (await run_app("inspector_app", "--server", gateway.url, "--state-dir", state,
                           "--records", "1", "--steady", "--require-all")).ok()
    assert "设备激活" not in again  # the device stays activated
    assert "1 条记录全部保存" in again
