"""Faults on command for `careloop-sim dialysis`: one line, one command.

The same words serve ``--fault NAME[=VALUE]`` at start-up and, with
``--console``, lines typed on standard input while the machines run::

    [SERIAL] COMMAND [ARGUMENTS]

Without a serial number a command goes to every machine. Commands:

    drop P              lose each outgoing byte with probability P (0-1)
    corrupt N           send the next N frames with a wrong checksum
    silent on|off       stop answering altogether / answer again
    slow S              answer every request S seconds late (0: on time)
    contend             bid for the line at the same moment as the computer, once
    lose-ack N          lose the ACK to the last frame of the next N messages
    garble-ack N        garble the ACK to the last frame of the next N messages
    lose-etx N          the next N frames lose their ETX or ETB
    disconnect S        pull the cable (the port vanishes) for S seconds
    restart             restart the communication board (forgets monitoring)
    change CODE VALUE   a setting changed at the panel, behind the nurse's back
    misreport CODE VALUE   read back VALUE for CODE, whatever it runs on
    alarm FAULT on|off  force or release venous_obstruction, poor_access,
                        conductivity_drift or air_in_line
    start | stop        the nurse presses Start / Stop at the machine

A bad command raises ConsoleError naming what was wrong; it changes
nothing. This module parses and dispatches only; the faults themselves are
the endpoint's and the machine's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from devices.sim.dialysis_astm import AstmMachineEndpoint
from devices.sim.dialysis_machine import MachineFault, SimulatedMachine


class ConsoleError(ValueError):
    """A command that could not be understood or carried out."""


Action = Callable[[AstmMachineEndpoint, list[str]], str]


def apply_command(endpoints: Sequence[AstmMachineEndpoint], line: str) -> list[str]:
    """Carry out one command line; one confirmation per machine touched."""
    words = line.split()
    if not words:
        raise ConsoleError("empty command")
    targets = list(endpoints)
    named = [e for e in endpoints if e.name == words[0]]
    if named:
        targets, words = named, words[1:]
        if not words:
            raise ConsoleError(f"no command after {named[0].name}")
    name, arguments = words[0].lower(), words[1:]
    action = _COMMANDS.get(name)
    if action is None:
        known = ", ".join(sorted(_COMMANDS))
        raise ConsoleError(f"unknown command {name!r}; known: {known}")
    return [f"{e.name}: {action(e, arguments)}" for e in targets]


def fault_option(text: str) -> str:
    """``--fault drop=0.05`` as the command line ``drop 0.05``."""
    name, _, value = text.partition("=")
    return f"{name} {value.replace(',', ' ')}".strip()


# -- arguments ----------------------------------------------------------------


def _one(arguments: list[str], what: str) -> str:
    if len(arguments) != 1:
        raise ConsoleError(f"expected {what}, got {' '.join(arguments) or 'nothing'}")
    return arguments[0]


def _number(arguments: list[str], what: str, low: float, high: float) -> float:
    text = _one(arguments, what)
    try:
        value = float(text)
    except ValueError:
        raise ConsoleError(f"{what}: {text!r} is not a number") from None
    if not low <= value <= high:
        raise ConsoleError(f"{what}: {value} is outside {low}-{high}")
    return value


def _count(arguments: list[str]) -> int:
    return int(_number(arguments, "a count", 0, 1000))


def _switch(arguments: list[str]) -> bool:
    text = _one(arguments, "on or off").lower()
    if text not in ("on", "off"):
        raise ConsoleError(f"expected on or off, got {text!r}")
    return text == "on"


def _setting(arguments: list[str]) -> tuple[str, Decimal]:
    if len(arguments) != 2:
        raise ConsoleError("expected a setting code and a value")
    try:
        return arguments[0], Decimal(arguments[1])
    except InvalidOperation:
        raise ConsoleError(f"{arguments[1]!r} is not a number") from None


def _on_machine(
    endpoint: AstmMachineEndpoint, action: Callable[[SimulatedMachine], None]
) -> None:
    try:
        endpoint.call(action)
    except ValueError as exc:
        raise ConsoleError(str(exc)) from None


# -- commands -----------------------------------------------------------------


def _drop(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    probability = _number(arguments, "a probability", 0.0, 1.0)
    endpoint.faults.drop_byte_probability = probability
    return f"dropping bytes with probability {probability}"


def _corrupt(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.corrupt_frames = _count(arguments)
    return f"next {endpoint.faults.corrupt_frames} frames with a bad checksum"


def _silent(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.silent = _switch(arguments)
    return "silent" if endpoint.faults.silent else "answering again"


def _slow(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.reply_delay_s = _number(arguments, "seconds", 0.0, 600.0)
    return f"replies {endpoint.faults.reply_delay_s} s late"


def _contend(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    if arguments:
        raise ConsoleError("contend takes no argument")
    endpoint.faults.contend_next_enq = True
    return "will bid against the computer's next ENQ"


def _lose_ack(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.lose_final_acks = _count(arguments)
    return f"losing the last-frame ACK of the next {_count(arguments)} messages"


def _garble_ack(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.garble_final_acks = _count(arguments)
    return f"garbling the last-frame ACK of the next {_count(arguments)} messages"


def _lose_etx(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    endpoint.faults.lose_terminators = _count(arguments)
    return f"the next {_count(arguments)} frames lose their ETX or ETB"


def _disconnect(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    seconds = _number(arguments, "seconds", 0.0, 3600.0)
    endpoint.pull_cable(for_s=seconds)
    return f"cable pulled for {seconds} s"


def _restart(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    if arguments:
        raise ConsoleError("restart takes no argument")
    endpoint.restart_interface()
    return "interface restarted"


def _change(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    code, value = _setting(arguments)
    _on_machine(endpoint, lambda m: m.change_setting_behind_back(code, value))
    return f"{code} now runs at {value} (changed at the panel)"


def _misreport(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    code, value = _setting(arguments)
    _on_machine(endpoint, lambda m: m.misreport_setting(code, value))
    return f"{code} reads back as {value}"


def _alarm(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    if len(arguments) != 2:
        raise ConsoleError("expected a machine fault and on or off")
    try:
        fault = MachineFault(arguments[0].lower())
    except ValueError:
        known = ", ".join(f.value for f in MachineFault)
        raise ConsoleError(f"unknown fault {arguments[0]!r}; known: {known}") from None
    on = _switch(arguments[1:])
    _on_machine(endpoint, lambda m: m.force(fault) if on else m.release(fault))
    return f"{fault.value} {'forced' if on else 'released'}"


def _start(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    if arguments:
        raise ConsoleError("start takes no argument")
    _on_machine(endpoint, lambda m: m.start_treatment())
    return "treatment started"


def _stop(endpoint: AstmMachineEndpoint, arguments: list[str]) -> str:
    if arguments:
        raise ConsoleError("stop takes no argument")
    _on_machine(endpoint, lambda m: m.stop_treatment())
    return "treatment stopped"


_COMMANDS: dict[str, Action] = {
    "drop": _drop,
    "corrupt": _corrupt,
    "silent": _silent,
    "slow": _slow,
    "contend": _contend,
    "lose-ack": _lose_ack,
    "garble-ack": _garble_ack,
    "lose-etx": _lose_etx,
    "disconnect": _disconnect,
    "restart": _restart,
    "change": _change,
    "misreport": _misreport,
    "alarm": _alarm,
    "start": _start,
    "stop": _stop,
}
