#!/usr/bin/env bash
# A one-machine Slurm "cluster" for trying deploy/slurm/*.sbatch (and scripts/slurm-demo.sh)
# on a single Debian/Ubuntu box or container. NOT for production: no accounting, no cgroup
# confinement of jobs, the controller and the only compute node are this host, and jobs may
# run as root.
#
#   sudo scripts/slurm-single-node.sh          install (if needed), configure, start, wait idle
#   sudo scripts/slurm-single-node.sh stop     stop slurmd, slurmctld and munged
#
# What it does, each step skipped when already done (running it twice is fine):
#   1. apt-get installs slurm-wlm and munge (Debian's packages: Slurm 22.05 on bookworm);
#   2. makes a munge key if there is none and starts munged;
#   3. writes /etc/slurm/slurm.conf for one node, this host, with the CPUs and memory that
#      `slurmd -C` reports: select/cons_tres (cores and memory as consumable resources),
#      proctrack/linuxproc and task/none (no cgroup control needed), no accounting. It will not
#      overwrite a slurm.conf it did not write (set FORCE=1 to let it);
#   4. starts slurmctld and slurmd directly (not through systemd, so it also works in a
#      container whose PID 1 is not systemd, and where policy-rc.d stops apt from starting
#      services), restarting them when the configuration changed;
#   5. waits until `sinfo` shows the node idle (resuming it if an earlier run left it down).
#
# In a container: there is no systemd to start the daemons (and Debian images ship a
# policy-rc.d that keeps apt from starting them), hence step 4; a daemon that dies may linger
# as a zombie where PID 1 is not an init, so liveness is read from /proc, not `kill -0`. The
# "can not load PMIx library" errors at the top of slurmd.log are harmless (no MPI here).
#
# Environment: PARTITION (default: debug), WAIT_SECONDS (default: 60), FORCE=1 (see 3).
# Logs: /var/log/slurm/slurmctld.log, /var/log/slurm/slurmd.log, /var/log/munge/munged.log.
set -euo pipefail

PARTITION=${PARTITION:-debug}
WAIT_SECONDS=${WAIT_SECONDS:-60}
CONF=/etc/slurm/slurm.conf
MARKER="# Written by quotelens scripts/slurm-single-node.sh"
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGED_PID=/run/munge/munged.pid

say() { echo "==> $*"; }
die() { echo "error: $*" >&2; exit 1; }

# Print the pid in pid file $2 if it is a live process named $1. A zombie does not count: in a
# container whose PID 1 is not an init, a daemon that died can stay a zombie for a while, and
# `kill -0` still succeeds on it.
alive_pid() {  # NAME PIDFILE
    local pid rest state
    [[ -s "$2" ]] || return 1
    pid=$(<"$2")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    rest=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1   # "PID (COMM) STATE ..."
    [[ "$rest" == "$pid ($1"*")"* ]] || return 1             # pid reused by another program
    state=${rest##*) }
    [[ "${state:0:1}" != Z && "${state:0:1}" != X ]] || return 1
    echo "$pid"
}

stop_daemon() {  # NAME PIDFILE
    local pid
    if pid=$(alive_pid "$1" "$2"); then
        say "stopping $1 (pid $pid)"
        kill "$pid"
        for _ in $(seq 50); do alive_pid "$1" "$2" >/dev/null || return 0; sleep 0.2; done
        die "$1 (pid $pid) did not stop within 10 s"
    fi
}

show_log() {  # FILE
    if [[ -s "$1" ]]; then
        echo "---- last lines of $1 ----" >&2
        tail -n 20 "$1" >&2
    fi
}

[[ $(id -u) -eq 0 ]] || die "run this as root (sudo $0): it installs packages and starts daemons"

if [[ "${1:-}" == stop ]]; then
    stop_daemon slurmd "$SLURMD_PID"
    stop_daemon slurmctld "$CTLD_PID"
    stop_daemon munged "$MUNGED_PID"
    exit 0
elif [[ $# -gt 0 ]]; then
    die "unknown argument '$1' (usage: $0 [stop])"
fi

# ---- 1. packages -------------------------------------------------------------------------
missing=()
for pkg in slurm-wlm munge; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
    command -v apt-get >/dev/null || die "apt-get not found: this script is for Debian/Ubuntu; install ${missing[*]} by hand"
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || die "apt-get update failed (is a Debian mirror reachable?)"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
else
    say "slurm-wlm and munge already installed ($(dpkg-query -W -f='${Version}' slurm-wlm))"
fi
for bin in munged slurmctld slurmd sinfo sbatch scontrol; do
    command -v "$bin" >/dev/null || die "$bin not found after installing slurm-wlm and munge"
done

# ---- 2. munge ----------------------------------------------------------------------------
if [[ ! -s /etc/munge/munge.key ]]; then
    say "creating /etc/munge/munge.key"
    mungekey --create --keyfile=/etc/munge/munge.key || die "mungekey could not create /etc/munge/munge.key"
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
# What systemd's RuntimeDirectory= would make; munged also insists on these owners.
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge

if alive_pid munged "$MUNGED_PID" >/dev/null && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    say "munged already running"
else
    stop_daemon munged "$MUNGED_PID"  # a live but broken munged
    say "starting munged"
    runuser -u munge -- /usr/sbin/munged || { show_log /var/log/munge/munged.log; die "munged did not start"; }
    for _ in $(seq 25); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
    munge -n | unmunge >/dev/null || { show_log /var/log/munge/munged.log; die "munged is running but a munge/unmunge round trip fails"; }
fi

# ---- 3. slurm.conf -----------------------------------------------------------------------
host=$(hostname -s)
[[ -n "$host" ]] || die "hostname -s is empty; set a host name first"
# First line of `slurmd -C`: NodeName=HOST CPUs=.. Boards=.. SocketsPerBoard=.. CoresPerSocket=..
# ThreadsPerCore=.. RealMemory=..
node_line=$(slurmd -C 2>/dev/null | grep -m1 '^NodeName=') || true
[[ "$node_line" == "NodeName=$host "* ]] \
    || die "slurmd -C did not describe this host ($host); it printed: ${node_line:-nothing}"

new_conf=$(cat <<EOF
$MARKER for a single node; not for production.
ClusterName=quotelens-test
# The controller and the one node are this host, addressed on the loopback interface, so
# the host name needs no DNS entry.
SlurmctldHost=$host(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
MpiDefault=none
SwitchType=switch/none
# No cgroup control in a container: track job processes through /proc, no task confinement.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# Cores and memory are consumable: a job asking for --cpus-per-task=2 --mem=1G takes them.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# A job that asks for no memory gets 1 GB per CPU, not the whole node, so that small jobs
# (sbatch --wrap hostname) run side by side.
DefMemPerCPU=1024
# No accounting (no slurmdbd) and no job completion log.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# A node that comes back (this script restarted slurmd) returns to service on its own.
ReturnToService=2
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=60
MinJobAge=300
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=$PARTITION Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
)

conf_changed=0
if [[ -f "$CONF" ]] && ! grep -qF "$MARKER" "$CONF" && [[ "${FORCE:-0}" != 1 ]]; then
    die "$CONF exists and was not written by this script; move it aside or run with FORCE=1"
fi
if [[ ! -f "$CONF" ]] || [[ "$(<"$CONF")" != "$new_conf" ]]; then
    say "writing $CONF ($node_line)"
    [[ -f "$CONF" ]] && cp -p "$CONF" "$CONF.bak"
    printf '%s\n' "$new_conf" > "$CONF"
    chmod 0644 "$CONF"
    conf_changed=1
else
    say "$CONF is up to date"
fi
install -d -o slurm -g slurm -m 0755 /var/lib/slurm/slurmctld /var/log/slurm
install -d -m 0755 /var/lib/slurm/slurmd

# ---- 4. daemons --------------------------------------------------------------------------
if (( conf_changed )); then
    stop_daemon slurmd "$SLURMD_PID"
    stop_daemon slurmctld "$CTLD_PID"
fi

if alive_pid slurmctld "$CTLD_PID" >/dev/null; then
    say "slurmctld already running"
else
    say "starting slurmctld"
    # Started as root, it switches to SlurmUser and detaches.
    slurmctld || { show_log /var/log/slurm/slurmctld.log; die "slurmctld did not start"; }
fi
for _ in $(seq 50); do scontrol ping 2>/dev/null | grep -q 'is UP' && break; sleep 0.2; done
scontrol ping 2>/dev/null | grep -q 'is UP' \
    || { show_log /var/log/slurm/slurmctld.log; die "slurmctld does not answer 'scontrol ping'"; }

if alive_pid slurmd "$SLURMD_PID" >/dev/null; then
    say "slurmd already running"
else
    say "starting slurmd"
    slurmd || { show_log /var/log/slurm/slurmd.log; die "slurmd did not start"; }
fi

# ---- 5. wait for the node ----------------------------------------------------------------
say "waiting up to ${WAIT_SECONDS}s for node $host to be idle"
deadline=$(( SECONDS + WAIT_SECONDS ))
resumed=0
while :; do
    state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n1)
    case "$state" in
        idle|mixed|allocated|completing) break ;;  # up (busy counts: jobs from earlier runs)
        down*|drain*|fail*)
            # e.g. "Node unexpectedly rebooted" after the VM or container restarted
            if (( ! resumed )); then
                say "node $host is $state ($(sinfo -h -n "$host" -o '%E')); resuming it"
                scontrol update NodeName="$host" State=RESUME || true
                resumed=1
            fi ;;
    esac
    if (( SECONDS >= deadline )); then
        show_log /var/log/slurm/slurmd.log
        show_log /var/log/slurm/slurmctld.log
        die "node $host is '${state:-unknown}' after ${WAIT_SECONDS}s, not idle (reason: $(sinfo -h -n "$host" -o '%E' 2>/dev/null))"
    fi
    sleep 1
done
sinfo
say "Slurm is up: try  sbatch --array=0-1 --wrap hostname  then  squeue; cat slurm-*.out"
