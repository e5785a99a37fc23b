"""SMS one-time codes in Redis: hashed, expiring, attempt-limited, rate-limited."""

from __future__ import annotations

import time
from collections.abc import Callable

from auth.sms import SmsSender
from models.accounts import otp_rules as rules
from models.accounts.rules import PHONE_CONTEXT
from models.errors import Refusal
from models.identity.pii import PiiCipher

# Both scripts run atomically, so concurrent requests cannot slip past the
# cooldown, the daily cap or the attempt limit. Times come from the caller's
# clock (tests move it); Redis TTLs only clean up.
_SEND = """
local now = tonumber(ARGV[2])
local cooldown = tonumber(ARGV[4])
local last = tonumber(redis.call('GET', KEYS[2]) or '-1000000000')
if now - last < cooldown then return {-1, math.ceil(cooldown - (now - last))} end
local sent = redis.call('INCR', KEYS[3])
if sent == 1 then redis.call('EXPIRE', KEYS[3], 172800) end
if sent > tonumber(ARGV[5]) then return {-2, 0} end
redis.call('SET', KEYS[2], ARGV[2], 'EX', cooldown + 60)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'a', 0, 'e', now + tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]) + 60)
return {1, sent}
"""

_VERIFY = """
local h = redis.call('HGET', KEYS[1], 'h')
if not h then return {-1, 0} end
if tonumber(ARGV[2]) >= tonumber(redis.call('HGET', KEYS[1], 'e')) then
  redis.call('DEL', KEYS[1])
  return {-1, 0}
end
local tries = redis.call('HINCRBY', KEYS[1], 'a', 1)
if h == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {1, 0}
end
local left = tonumber(ARGV[3]) - tries
if left <= 0 then
  redis.call('DEL', KEYS[1])
  return {-2, 0}
end
return {0, left}
"""


class OtpService:
    def __init__(self, redis, pii: PiiCipher, sender: SmsSender, *,
                 daily_cap: int = rules.DAILY_SEND_CAP,
                 clock: Callable[[], float] = time.time) -> None:
        self.pii = pii
        self.sender = sender
        self.daily_cap = daily_cap
        self.clock = clock
        self._send = redis.register_script(_SEND)
        self._verify = redis.register_script(_VERIFY)

    def _keys(self, phone: str, now: float) -> list[str]:
        # keyed by the blind index, so Redis never holds a phone number
        index = self.pii.blind_index(phone, context=PHONE_CONTEXT)
        return [f"otp:code:{index}", f"otp:sent:{index}",
                f"otp:day:{index}:{rules.day_key(now)}"]

    def _hash(self, phone: str, code: str) -> str:
        return self.pii.blind_index(f"{phone}:{code}", context="otp.code")

    async def send(self, phone: str) -> int:
        """Send a new code to a normalised phone; returns the resend cooldown.
        Refuses within the cooldown and past the daily cap."""
        now = int(self.clock())
        code = rules.new_code()
        status, value = await self._send(
            keys=self._keys(phone, now),
            args=[self._hash(phone, code), now, rules.CODE_TTL_SECONDS,
                  rules.RESEND_COOLDOWN_SECONDS, self.daily_cap])
        if int(status) == -1:
            raise Refusal("SMS_COOLDOWN", f"验证码发送过于频繁，请 {int(value)} 秒后再试", "phone")
        if int(status) == -2:
            raise Refusal("SMS_DAILY_LIMIT", "该手机号今日获取验证码次数已达上限，请明天再试",
                          "phone")
        await self.sender.send(phone, rules.message(code))
        return rules.RESEND_COOLDOWN_SECONDS

    async def verify(self, phone: str, code: str) -> None:
        """Accept the current code once, or refuse. Five wrong codes burn it."""
        cleaned = rules.normalise_code(code)
        if cleaned is None:
            raise Refusal("INVALID_SMS_CODE", "验证码为6位数字", "code")
        now = int(self.clock())
        status, left = await self._verify(
            keys=self._keys(phone, now)[:1],
            args=[self._hash(phone, cleaned), now, rules.MAX_ATTEMPTS])
        status = int(status)
        if status == 1:
            return
        if status == -1:
            raise Refusal("SMS_CODE_EXPIRED", "验证码已失效，请重新获取", "code")
        if status == -2:
            raise Refusal("SMS_CODE_ATTEMPTS_EXCEEDED", "验证码错误次数过多，请重新获取",
                          "code")
        raise Refusal("INVALID_SMS_CODE", f"验证码错误，还可尝试 {int(left)} 次", "code")
