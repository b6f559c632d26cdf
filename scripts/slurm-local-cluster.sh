#!/usr/bin/env bash
# A real single-node Slurm cluster on localhost (Debian's slurm-wlm and munge), for testing
# `bench submit --slurm`. Needs root. Usage:
#   scripts/slurm-local-cluster.sh start DIR   # installs if needed, writes DIR/slurm.conf, starts munged, slurmctld, slurmd
#   scripts/slurm-local-cluster.sh stop DIR
# Then: export SLURM_CONF=DIR/slurm.conf. linuxproc tracking and no task plugin (cgroup tracking
# fails every job step in containers while the node looks idle), no accounting.
set -euo pipefail
action=${1:?start or stop}
dir=$(mkdir -p "${2:?a state folder}" && cd "$2" && pwd)
export SLURM_CONF="$dir/slurm.conf"

wait_for() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "slurm-local-cluster: $what did not happen within ${seconds}s" >&2
  return 1
}

case "$action" in
start)
  if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurm-wlm munge
  fi
  [ -f /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
  install -d -o munge -g munge -m 755 /run/munge
  if [ ! -S /run/munge/munge.socket.2 ] || ! pgrep -x munged >/dev/null; then
    runuser -u munge -- /usr/sbin/munged
  fi
  wait_for 10 "munged answering" munge -n
  cpus=$(nproc)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat > "$SLURM_CONF" <<CONF
ClusterName=benchlocal
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  slurmctld
  slurmd -N localhost
  wait_for 30 "the node becoming idle" bash -c '[ "$(sinfo -h -o %T | head -1)" = idle ]'
  echo "slurm-local-cluster: up (SLURM_CONF=$SLURM_CONF)" >&2
  ;;
stop)
  scontrol shutdown >/dev/null 2>&1 || true
  for pidfile in "$dir/slurmctld.pid" "$dir/slurmd.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  wait_for 10 "slurmctld and slurmd exiting" bash -c '! pgrep -x slurmctld && ! pgrep -x slurmd'
  pkill -x munged 2>/dev/null || true
  echo "slurm-local-cluster: stopped" >&2
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
