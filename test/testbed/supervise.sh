#!/usr/bin/env bash
# supervise.sh STATE_DIR NAME COMMAND...: runs COMMAND, component NAME of the testbed in STATE_DIR,
# and records how it ends.
#
# start_component (lib.sh) runs this in a session of its own, its output going to the component's
# log. It writes its own pid to pids/NAME.supervisor and the command's to pids/NAME.pid as soon as
# the command is started; when the command ends, whatever the reason, one line to the log ("exited
# with status 1", "killed by signal KILL") and the same words to pids/NAME.exit, then it exits.
# Without it, a component that dies before writing anything leaves an empty log and no cause; and
# a check that looks at the pid alone cannot tell a component that died from one still being
# started (between fork and exec its command line is not yet its own).
set -u
pids=$1/pids name=$2
shift 2

printf '%s\n' "$$" >"$pids/$name.supervisor"
# The command writes to the log (fd 3); bash's own job notices ("Killed") do not: the line below says it.
exec 3>&2 2>/dev/null
"$@" 2>&3 3>&- &
child=$!
printf '%s\n' "$child" >"$pids/$name.pid.tmp" && mv -f "$pids/$name.pid.tmp" "$pids/$name.pid"

# wait returns the command's status, 128+N when signal N ended it (bash cannot tell that apart
# from a command that exits with such a code itself; no testbed component does).
wait "$child"
status=$?
if ((status > 128)) && signal=$(kill -l "$status" 2>/dev/null); then
  how="killed by signal $signal"
else
  how="exited with status $status"
fi
printf '%s testbed: %s (pid %s) %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$child" "$how"
printf '%s\n' "$how" >"$pids/$name.exit.tmp" && mv -f "$pids/$name.exit.tmp" "$pids/$name.exit"
