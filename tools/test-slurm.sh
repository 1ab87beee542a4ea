#!/usr/bin/env bash
# Runs a corpus as a Slurm job array on a real, single-node Slurm cluster started here, and
# checks that the merged parts are byte-identical to one unsharded run.
#
#   tools/test-slurm.sh        (or: make test-slurm, which builds loupe first)
#
# It installs Debian's slurm-wlm, munge and jq when they are missing (as root; otherwise it
# prints the apt-get command), makes a scratch folder with 40 generated documents, runs them
# once with plain `loupe run` for reference, starts munged, slurmctld and slurmd there on
# free loopback ports, submits examples/slurm/loupe-array.sbatch as a 4-task array plus the
# dependent merge job its README shows, and compares rows and manifest with the reference.
# Then it resubmits one task alone, as the README says to after a failure, and merges again.
# Whatever happens, it stops every daemon it started and removes the scratch folder.
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$(pwd)"
loupe="$repo/.build/release/loupe"
sbatch_file="$repo/examples/slurm/loupe-array.sbatch"
shards=4
started=$SECONDS

say() { echo "test-slurm: $*" >&2; }

# --- Packages -------------------------------------------------------------------------------

# jq compares manifests without their timing section.
"$repo/tools/setup.sh" slurm-wlm munge jq || { echo "test-slurm: FAIL: the packages above are needed" >&2; exit 1; }

# The daemons run as root (slurmd must, to start jobs), and munged as the munge user.
if [ "$(id -u)" -ne 0 ]; then
  echo "test-slurm: FAIL: starting slurmd needs root; run make test-slurm as root" >&2
  exit 1
fi
if [ ! -x "$loupe" ]; then
  echo "test-slurm: FAIL: no $loupe; build it first: make build" \
    "(make test-slurm does)" >&2
  exit 1
fi

# The job script writes parts with `loupe run -o`, and the merge step needs `loupe merge`.
if ! "$loupe" merge --help 2>/dev/null | grep -q "loupe merge"; then
  echo "test-slurm: FAIL: $loupe has no 'merge' command, which the job array's merge step" \
    "needs; build a Loupe that has it (loupe run -o, loupe merge)" >&2
  exit 1
fi

# Slurm's clients read SLURM_*/SBATCH_*/SQUEUE_* settings from the environment; ones
# inherited from a real cluster (or a job on one) must not reach the test cluster.
while read -r name; do
  unset "$name"
done < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN|SQUEUE|SINFO|SCONTROL|SCANCEL)_' || true)

# --- Scratch folder and cleanup -------------------------------------------------------------

scratch="$(mktemp -d "${TMPDIR:-/tmp}/loupe-slurm.XXXXXX")"
# munged runs as munge and must reach its folder through every parent.
chmod 755 "$scratch"
# Daemon logs in log/; the jobs run in work/ and log to work/logs/.
mkdir -p "$scratch/log" "$scratch/work/logs"
daemon_pids=()   # in start order; stopped in reverse
daemon_names=()

# Whether a process is gone: exited, or a zombie not reaped yet (state Z).
is_gone() {
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" || return 0
  [ -z "$state" ] || [ "$state" = "Z" ]
}

# Whether this test's slurmctld is running (so that Slurm's clients can be asked something).
ctld_running() {
  local i
  for i in "${!daemon_names[@]}"; do
    [ "${daemon_names[$i]}" = slurmctld ] && ! is_gone "${daemon_pids[$i]}" && return 0
  done
  return 1
}

stop_daemons() {
  local i pid name tries
  # Cancel what is left on the cluster first, so no job outlives the daemons that run it
  # (with a time limit: a client waits long for a controller that does not answer).
  if ctld_running; then
    timeout 10 scancel --quiet --user="$(id -un)" 2>/dev/null || true
    for ((tries = 0; tries < 50; tries++)); do
      [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  for ((i = ${#daemon_pids[@]} - 1; i >= 0; i--)); do
    pid="${daemon_pids[$i]}"
    name="${daemon_names[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
    for ((tries = 0; tries < 100; tries++)); do
      is_gone "$pid" && break
      sleep 0.1
    done
    if ! is_gone "$pid"; then
      say "$name (pid $pid) did not stop in 10 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    # The daemons are this shell's children: reap them.
    wait "$pid" 2>/dev/null || true
  done
  daemon_pids=()
  daemon_names=()
  stop_leftovers
}

# Stops what the daemons started and left running (a job step whose slurmd is gone, when
# the controller could not cancel it): every process whose environment holds this test's
# SLURM_CONF, which only this script's daemons and their jobs inherit. This shell has it
# too, and is spared.
stop_leftovers() {
  local entry pid
  [ -n "${SLURM_CONF:-}" ] || return 0
  for entry in /proc/[0-9]*; do
    pid="${entry#/proc/}"
    [ "$pid" = "$$" ] && continue
    if tr '\0' '\n' 2>/dev/null < "$entry/environ" | grep -qxF "SLURM_CONF=$SLURM_CONF"; then
      say "stopping pid $pid, left running by the test cluster: $(tr '\0' ' ' 2>/dev/null < "$entry/cmdline")"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_daemons
  rm -rf "$scratch"
  exit "$status"
}
trap cleanup EXIT
# Ctrl-C or a kill: stop as a failure, through the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the last lines of the daemon and job logs, for finding out why something failed.
show_logs() {
  local log
  for log in "$scratch"/log/* "$scratch"/munge/*.log "$scratch"/work/logs/*; do
    [ -s "$log" ] || continue
    echo "---- ${log#"$scratch"/} (last lines)" >&2
    tail -n 15 "$log" >&2
  done
}

fail() {
  echo "test-slurm: FAIL: $*" >&2
  if ctld_running; then
    echo "---- sinfo, squeue" >&2
    timeout 5 sinfo -N -l >&2 2>&1 || true
    timeout 5 squeue -a >&2 2>&1 || true
  fi
  show_logs
  echo "test-slurm: FAIL ($((SECONDS - started)) s)" >&2
  exit 1
}

# --- Corpus ---------------------------------------------------------------------------------

# 40 short invented news items, built from a few lists of phrases so that documents differ
# in length, figures, dates and words. Deterministic: the same corpus on every run.
corpus="$scratch/corpus"
mkdir -p "$corpus"
subjects=("The town council" "A group of nurses" "The regional water board" "Local shopkeepers"
  "The ferry operator" "Parents at the primary school" "The county library service"
  "A coalition of cyclists" "The harbour master" "Farmers in the valley" "The bus company")
verbs=("voted to delay" "protested against" "agreed to fund" "asked for a review of"
  "welcomed" "criticised" "postponed" "published a report on" "raised concerns about")
objects=("the new parking charges" "the closure of the night clinic" "repairs to the old bridge"
  "a second recycling depot" "longer opening hours" "the flood defence scheme"
  "cheaper fares for students" "the redevelopment of the market square" "a ban on lorries")
quotes=("We have waited long enough" "Nobody asked the people who live here"
  "This is a good day for the town" "The numbers simply do not add up"
  "We will keep talking until there is a deal" "It is a start, but only a start")
names=("Amira Hassan" "Tom Ellery" "Sen. Rosa Quint" "Dr. Paul Mbeki" "Ines Varga"
  "Owen J. Pryce" "Lena Sørensen" "Mr. Ade Bello")
for ((i = 1; i <= 40; i++)); do
  file="$(printf '%s/item-%02d.txt' "$corpus" "$i")"
  s="${subjects[$((i % ${#subjects[@]}))]}"
  v="${verbs[$((i * 7 % ${#verbs[@]}))]}"
  o="${objects[$((i * 5 % ${#objects[@]}))]}"
  q="${quotes[$((i * 3 % ${#quotes[@]}))]}"
  n="${names[$((i % ${#names[@]}))]}"
  n2="${names[$(((i + 3) % ${#names[@]}))]}"
  {
    printf ' date 2023-%02d-%02d %s %s %s on %s.\n\n' $((i % 12 + 1)) $((i % 27 + 1)) "$s" "$v" \
      "$o" "$(LC_ALL=C date -d "2023-01-01 +$((i * 9)) days" '+%A')"
    printf '“%s,” said %s, who has followed the matter for %d years.' "$q" "$n" $((i % 9 + 2))
    printf ' About %d people attended the meeting, and %d percent of them stayed to the end.\n\n' \
      $((i * 37 % 400 + 20)) $((i * 13 % 60 + 30))
    # Some items carry the residue line the seed corpus has, and some run longer.
    if ((i % 3 == 0)); then printf 'AD\n\n'; fi
    for ((p = 0; p < i % 4 + 1; p++)); do
      printf '%s said the cost of %s had risen to £%d,%03d. ' "$n2" \
        "${objects[$(((i + p) % ${#objects[@]}))]}" $((i + p * 11)) $((i * 41 % 1000))
      printf '%s %s %s in %d.\n\n' "${subjects[$(((i + p) % ${#subjects[@]}))]}" \
        "${verbs[$(((i + p * 2) % ${#verbs[@]}))]}" "${objects[$(((i * p + 1) % ${#objects[@]}))]}" \
        $((2015 + (i + p) % 9))
    done
    printf 'A decision is expected by %s.\n' "$(LC_ALL=C date -d "2024-01-01 +$((i * 5)) days" '+%B %-d')"
  } > "$file"
done

# The analysis: a row per document and, from finish(), rows made of aggregates merged over
# the whole corpus, so that the merge has more to get right than concatenating rows.
script="$scratch/count-words.lua"
cat > "$script" <<'EOF'
local words = loupe.counter("words")
local lengths = loupe.stats("lengths")

function document(doc)
  local n, figures = 0, 0
  for t in doc:tokens() do
    n = n + 1
    if t.like_num then figures = figures + 1 end
    if #t.lower >= 6 then words:add(t.lower) end
  end
  lengths:add(n)
  emit{ doc = doc.id, date = doc.meta.date, sentences = #doc:sentences(), tokens = n, figures = figures }
end

function finish()
  for _, entry in ipairs(words:top(5)) do emit{ word = entry.key, count = entry.count } end
  emit{ documents = lengths.count, mean_tokens = lengths.mean }
end
EOF

# The reference: the whole corpus in one run, outside Slurm.
work="$scratch/work"
"$loupe" run --quiet -o "$work/whole.jsonl" "$script" "$corpus" 2> "$scratch/log/whole.log" \
  || fail "the unsharded loupe run failed (its log is below)"

# --- Cluster --------------------------------------------------------------------------------

mkdir -p "$scratch/munge" "$scratch/slurm/state" "$scratch/slurm/spool"
# munged's folder: its own, and open to all for reaching the socket (munged insists).
chown munge:munge "$scratch/munge"
chmod 755 "$scratch/munge"
# A fresh key for this cluster only; munged refuses one that others can read.
head -c 1024 /dev/urandom > "$scratch/munge/munge.key"
chown munge:munge "$scratch/munge/munge.key"
chmod 400 "$scratch/munge/munge.key"
socket="$scratch/munge/munge.socket"

# Starts a daemon in the foreground, in the background of this shell, so that its PID is
# known from the start and the cleanup can always stop it.
start_daemon() {
  local name="$1"
  shift
  "$@" > "$scratch/log/$name.out" 2>&1 &
  daemon_pids+=("$!")
  daemon_names+=("$name")
}

# Waits up to $2 tenths of a second for command $3… to succeed; fails naming $1 otherwise.
wait_for() {
  local what="$1" tenths="$2" i
  shift 2
  for ((i = 0; i < tenths; i++)); do
    "$@" && return 0
    # A daemon that has exited will not come up.
    local j
    for j in "${!daemon_pids[@]}"; do
      is_gone "${daemon_pids[$j]}" && fail "${daemon_names[$j]} exited while waiting for $what"
    done
    sleep 0.1
  done
  fail "timed out after $((tenths / 10)) s waiting for $what"
}

# setpriv execs munged as the munge user (runuser would stay in between as its parent).
start_daemon munged setpriv --reuid=munge --regid=munge --init-groups -- \
  munged --foreground --key-file="$scratch/munge/munge.key" --socket="$socket" \
  --pid-file="$scratch/munge/munged.pid" --seed-file="$scratch/munge/munged.seed" \
  --log-file="$scratch/munge/munged.log"
munge_works() { munge -n -S "$socket" 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1; }
wait_for "munged to answer on $socket" 100 munge_works

# Two free loopback ports, so that this cluster never meets another one on the machine (a
# second test, or a real Slurm).
port_is_free() { ! ss -Hltn "sport = :$1" | grep -q .; }
pick_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port" && [ "$port" != "${1:-}" ]; then
      echo "$port"
      return
    fi
  done
}
ctld_port="$(pick_port)"
slurmd_port="$(pick_port "$ctld_port")"

cpus="$(nproc)"
export SLURM_CONF="$scratch/slurm/slurm.conf"
# The configuration DESIGN.md §6 records as working here: one node on loopback with no more
# CPUs or memory than the machine has (else it goes "inval"), no cgroups, no accounting.
cat > "$SLURM_CONF" <<EOF
ClusterName=loupetest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
StateSaveLocation=$scratch/slurm/state
SlurmdSpoolDir=$scratch/slurm/spool
SlurmctldPidFile=$scratch/slurm/slurmctld.pid
SlurmdPidFile=$scratch/slurm/slurmd.pid
SlurmctldLogFile=$scratch/log/slurmctld.log
SlurmdLogFile=$scratch/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

start_daemon slurmctld slurmctld -D -f "$SLURM_CONF"
ctld_answers() { timeout 5 scontrol ping 2>/dev/null | grep -q "UP"; }
wait_for "slurmctld to answer on port $ctld_port" 150 ctld_answers

start_daemon slurmd slurmd -D -f "$SLURM_CONF" -N localhost
node_state() { timeout 5 sinfo -h -n localhost -o %T 2>/dev/null; }
node_idle() { [ "$(node_state)" = "idle" ]; }
wait_for "node localhost to be idle (sinfo below)" 200 node_idle
say "cluster up: munged, slurmctld, slurmd on 127.0.0.1:$ctld_port/$slurmd_port," \
  "$cpus CPUs ($((SECONDS - started)) s)"

# --- Runs -----------------------------------------------------------------------------------

# Submits the example job script as tasks $1 (an --array value) with the extra variables $2
# (",NAME=value…"), and prints the job's number. The test cluster is smaller than a real one,
# so the command line asks for less than the script's #SBATCH lines (it takes precedence).
submit_array() {
  local job
  job="$(cd "$work" && sbatch --parsable --array="$1" --cpus-per-task=1 --mem=200M \
    --time=00:05:00 --export="ALL,SCRIPT=$script,CORPUS=$corpus,LOUPE=$loupe$2" \
    "$sbatch_file")" || fail "sbatch refused $sbatch_file"
  echo "${job%%;*}"
}

# Submits the merge step exactly as examples/slurm/README.md gives it (with loupe's full
# path), to run once job $1 has succeeded and write $2; prints the job's number.
submit_merge() {
  local job
  job="$(cd "$work" && sbatch --parsable --dependency=afterok:"$1" --job-name=loupe-merge \
    --output=logs/merge-%j.out --wrap="'$loupe' merge -o $2 parts/part-*.jsonl.part")" \
    || fail "sbatch refused the merge job"
  echo "${job%%;*}"
}

# Whether job $1 has finished: none of its tasks is pending or running any more (accounting
# is off, so sacct cannot tell; squeue can). Not finished when squeue gets no answer.
job_done() {
  local active
  active="$(timeout 5 squeue -h -j "$1" -t PENDING,RUNNING,COMPLETING,CONFIGURING -o %i 2>/dev/null)" \
    || return 1
  [ -z "$active" ]
}

# Slurm's record of how job $1 ended, "STATE exit", from the controller's list of finished
# jobs (kept for MinJobAge, 300 s).
job_end() {
  local record state exit_code
  record="$(timeout 5 scontrol -o show job "$1" 2>/dev/null || true)"
  state="$(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<< "$record")"
  exit_code="$(sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p' <<< "$record")"
  echo "${state:-UNKNOWN} ${exit_code:-?}"
}

# Checks that tasks $2… of array job $1 succeeded and wrote their part, manifest and log.
check_tasks() {
  local job="$1" k end output failed=0
  shift
  for k in "$@"; do
    end="$(job_end "${job}_$k")"
    [ "$end" = "COMPLETED 0:0" ] || { say "task $k of job $job ended $end"; failed=1; }
    for output in "parts/part-$k.jsonl" "parts/part-$k.jsonl.manifest.json" \
      "parts/part-$k.jsonl.part"; do
      [ -f "$work/$output" ] || { say "task $k of job $job wrote no $output"; failed=1; }
    done
    [ -f "$work/logs/loupe-${job}_$k.err" ] || { say "task $k of job $job left no log"; failed=1; }
  done
  ((failed == 0)) || fail "array job $job: some tasks failed (their logs are below)"
}

# Waits for merge job $1, then compares its output $2 with the unsharded run's: the rows byte
# for byte, and the manifests but for their timing section (clock readings).
check_merge() {
  local job="$1" output="$2" end
  wait_for "merge job $job to finish" 300 job_done "$job"
  end="$(job_end "$job")"
  [ "$end" = "COMPLETED 0:0" ] || fail "merge job $job ended $end"
  cmp "$work/whole.jsonl" "$work/$output" >&2 \
    || fail "$output differs from the unsharded run's whole.jsonl"
  [ -s "$work/$output.manifest.json" ] || fail "loupe merge wrote no $output.manifest.json"
  cmp <(jq -S 'del(.timing)' "$work/whole.jsonl.manifest.json") \
    <(jq -S 'del(.timing)' "$work/$output.manifest.json") >&2 \
    || fail "$output.manifest.json differs from the unsharded run's (timing aside)"
}

array="$(submit_array "1-$shards" "")"
merge="$(submit_merge "$array" merged.jsonl)"
say "submitted array job $array (tasks 1-$shards) and merge job $merge"
wait_for "array job $array to finish" 600 job_done "$array"
mapfile -t all_tasks < <(seq 1 "$shards")
check_tasks "$array" "${all_tasks[@]}"
check_merge "$merge" merged.jsonl
say "merged.jsonl and its manifest are those of one unsharded run ($((SECONDS - started)) s)"

# A failed task resubmitted on its own, as the README shows: part 3 lost, task 3 run again
# with SHARDS (Slurm counts 1 task this time) and RESUME (there is no journal, so it starts
# over), then a second merge.
rm -f "$work"/parts/part-3.jsonl*
rerun="$(submit_array 3 ",SHARDS=$shards,RESUME=1")"
merge="$(submit_merge "$rerun" merged-again.jsonl)"
say "resubmitted task 3 as job $rerun, merge job $merge"
wait_for "job $rerun to finish" 600 job_done "$rerun"
check_tasks "$rerun" 3
check_merge "$merge" merged-again.jsonl

rows="$(wc -l < "$work/whole.jsonl")"
say "PASS: $shards tasks on Slurm, one resubmitted, merged twice: $rows rows and manifest," \
  "identical to one unsharded run ($((SECONDS - started)) s)"
