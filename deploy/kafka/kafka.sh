#!/usr/bin/env bash
# Single-node Apache Kafka broker (KRaft) assembled from Maven Central jars,
# for local development and CI. No Docker needed: Java 17+ and Maven only.
# Run `deploy/kafka/kafka.sh --help` for usage.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SELF="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONFIG="$SCRIPT_DIR/log4j2.properties"
BROKER_HOME="$SCRIPT_DIR/.broker"
LIBS="$BROKER_HOME/libs"
STAMP_FILE="$LIBS/.pom.sha256"
MARKER_FILE=".kafka-sh-broker"   # marks a directory created by this script (safe to delete)

START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Djava.awt.headless=true}"
NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-3}"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat <<EOF
Usage: deploy/kafka/kafka.sh <command> [options]

A real single-node Apache Kafka broker (KRaft mode, combined broker+controller)
built from Maven Central jars (see deploy/kafka/pom.xml). Needs Java 17+; Maven
only for 'install'. Progress goes to stderr; only 'export' lines go to stdout.

Commands:
  install
      Download the broker jars into deploy/kafka/.broker/libs (gitignored) via
        mvn -q -f deploy/kafka/pom.xml dependency:copy-dependencies
      Skipped when the jars are present and were fetched for the current pom.xml
      (sha256 of pom.xml stored in .broker/libs/.pom.sha256). Idempotent and safe
      to run concurrently. 'start' runs it automatically when needed.

  start [--dir DIR] [--set KEY=VALUE ...]
      Pick two free ports on 127.0.0.1 (broker + controller), create a fresh data
      dir (default: mktemp -d deploy/kafka/.broker/run-XXXXXX; with --dir, DIR
      must not exist or be empty), write DIR/server.properties, format storage
      with a random cluster id, launch the broker detached (setsid + nohup; it
      survives the calling shell) and wait until the log prints
      "Kafka Server started" (timeout \$KAFKA_START_TIMEOUT, default 90 s).
      On success prints to stdout:
        export KAFKA_BROKERS=127.0.0.1:<port>
        export KAFKA_BROKER_DIR=<dir>
      so use it as:   eval "\$(deploy/kafka/kafka.sh start)"
      On failure: prints the log tail (stderr), kills the broker, deletes DIR,
      prints only "false" to stdout (so the eval above fails as well) and exits
      nonzero.
      --set KEY=VALUE appends/overrides a server.properties entry (repeatable).

  stop [--dir DIR]
      Stop the broker (SIGTERM, wait up to \$KAFKA_STOP_TIMEOUT s, default 20,
      then SIGKILL) and delete DIR. DIR defaults to \$KAFKA_BROKER_DIR.
      Idempotent: exits 0 if the broker/dir is already gone or nothing is set.
      Refuses to delete a directory that was not created by 'start'.

  kill-broker [--dir DIR]
      SIGKILL the broker (simulated crash) but keep DIR (data, ports, config).

  restart [--dir DIR]
      Start the broker again with the SAME ports, config and data in DIR (after
      kill-broker, or stops a running one gracefully first), wait until ready and
      print the same export lines as 'start'. On failure: log tail, "false" on
      stdout, nonzero exit; DIR is kept (remove it with 'stop').

  status [--dir DIR]
      Print "running <pid> <brokers>" or "stopped" (stderr); exit 0 if running,
      3 if stopped.

  -h, --help, help
      Show this help.

Files in DIR: server.properties, broker.env (ports, cluster id), broker.pid,
broker.log (broker stdout/stderr + log4j output), format.log, data/ (log.dirs).

Environment:
  KAFKA_BROKER_DIR        default DIR for stop / kill-broker / restart / status
  KAFKA_START_TIMEOUT     seconds to wait for "Kafka Server started" (default 90)
  KAFKA_STOP_TIMEOUT      seconds to wait after SIGTERM before SIGKILL (default 20)
  KAFKA_PORT              fixed broker port for 'start' (default: a free port)
  KAFKA_CONTROLLER_PORT   fixed controller port for 'start' (default: a free port)
  KAFKA_NUM_PARTITIONS    num.partitions for auto-created topics (default 3)
  KAFKA_HEAP_OPTS         JVM heap flags (default: -Xms256m -Xmx512m)
  KAFKA_JVM_OPTS          other JVM flags (default: -XX:+UseSerialGC
                          -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Djava.awt.headless=true)
  KAFKA_KEEP_FAILED       1 = keep DIR when 'start' fails (for debugging)
  JAVA                    java binary (default: \$JAVA_HOME/bin/java, else java)
  MVN                     maven binary for 'install' (default: mvn)
  MVN_ARGS                extra maven arguments for 'install' (e.g. "-s settings.xml")

Examples:
  eval "\$(deploy/kafka/kafka.sh start)"
  trap 'deploy/kafka/kafka.sh stop' EXIT
  npm test                                  # tests read \$KAFKA_BROKERS
  deploy/kafka/kafka.sh kill-broker && deploy/kafka/kafka.sh restart
EOF
}

# ---------------------------------------------------------------- helpers

java_bin() {
  if [[ -n "${JAVA:-}" ]]; then printf '%s' "$JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then printf '%s' "$JAVA_HOME/bin/java"
  else printf 'java'; fi
}

check_java() {
  local j v major
  j="$(java_bin)"
  command -v "$j" >/dev/null 2>&1 || die "java not found ('$j'); Kafka 4.x needs Java 17+"
  v="$("$j" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  major="${v%%.*}"
  [[ "$major" == "1" ]] && major=8
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 17 )); then
    die "Kafka 4.x needs Java 17+, but '$j' is version $v (set JAVA or JAVA_HOME)"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

libs_ok() {
  [[ -f "$STAMP_FILE" ]] || return 1
  [[ "$(cat "$STAMP_FILE")" == "$(sha256_of "$POM")" ]] || return 1
  compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null || return 1
  compgen -G "$LIBS/log4j-slf4j-impl-*.jar" >/dev/null || return 1
}

# Run "$@" while holding an exclusive lock on $1 (flock, or mkdir fallback).
with_lock() {
  local lock="$1"; shift
  if command -v flock >/dev/null 2>&1; then
    ( flock 9; "$@" ) 9>"$lock"
  else
    local d="$lock.d" i=0
    until mkdir "$d" 2>/dev/null; do
      (( ++i > 1200 )) && die "timed out waiting for lock $d (remove it if stale)"
      sleep 0.5
    done
    local rc=0
    ( "$@" ) || rc=$?
    rmdir "$d"
    return "$rc"
  fi
}

do_install_locked() {
  if libs_ok; then
    log "jars already present for this pom.xml in $LIBS; skipping download"
    return 0
  fi
  local mvn="${MVN:-mvn}"
  command -v "$mvn" >/dev/null 2>&1 || die "maven ('$mvn') not found; needed once to download the Kafka jars"
  local tmp="$BROKER_HOME/libs.tmp.$$"
  rm -rf "$tmp"
  log "downloading Kafka broker jars from Maven Central (pom: $POM) ..."
  local t0=$SECONDS
  # shellcheck disable=SC2086
  # (Maven 3.8 prints stray ANSI resets even in batch mode; strip them.)
  if ! "$mvn" -q -B ${MVN_ARGS:-} -f "$POM" \
        dependency:copy-dependencies "-Dbroker.libs=$tmp" 2>&1 \
        | sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
    rm -rf "$tmp"
    die "maven failed to download the Kafka jars"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || { rm -rf "$tmp"; die "download finished but kafka_2.13 jar is missing in $tmp"; }
  sha256_of "$POM" > "$tmp/.pom.sha256"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "installed $(ls "$LIBS"/*.jar | wc -l | tr -d ' ') jars ($(du -sh "$LIBS" | cut -f1)) into $LIBS in $((SECONDS - t0))s"
}

cmd_install() {
  mkdir -p "$BROKER_HOME"
  if libs_ok; then
    log "jars already present for this pom.xml in $LIBS; skipping download"
    return 0
  fi
  with_lock "$BROKER_HOME/install.lock" do_install_locked
}

# Print two distinct free TCP ports on 127.0.0.1 (both held open while picking).
pick_ports() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - <<'PY'
import socket
socks = []
for _ in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
  elif command -v node >/dev/null 2>&1; then
    node -e '
      const net = require("net"); const ports = []; const servers = [];
      const next = () => {
        if (ports.length === 2) { console.log(ports.join(" ")); servers.forEach(s => s.close()); return; }
        const s = net.createServer(); servers.push(s);
        s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); next(); });
      };
      next();'
  else
    # bash fallback: probe random ports; a refused connect means nobody listens there.
    local found=() p i
    for (( i = 0; i < 200 && ${#found[@]} < 2; i++ )); do
      p=$(( 20000 + RANDOM % 30000 ))
      [[ ${#found[@]} -eq 1 && "${found[0]}" == "$p" ]] && continue
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then found+=("$p"); fi
    done
    (( ${#found[@]} == 2 )) || die "could not find two free ports"
    echo "${found[0]} ${found[1]}"
  fi
}

# Kafka Uuid string: url-safe base64 (no padding) of 16 random bytes, not starting with '-'.
random_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* && ${#id} -eq 22 ]] && { printf '%s' "$id"; return; }
  done
}

# Arguments: [--dir DIR] [--set K=V]...; sets DIR and SETS.
parse_args() {
  DIR=""; SETS=()
  while (( $# )); do
    case "$1" in
      --dir) [[ $# -ge 2 ]] || die "--dir needs a value"; DIR="$2"; shift 2 ;;
      --dir=*) DIR="${1#--dir=}"; shift ;;
      --set) [[ $# -ge 2 && "$2" == *=* ]] || die "--set needs KEY=VALUE"; SETS+=("$2"); shift 2 ;;
      --set=*) SETS+=("${1#--set=}"); shift ;;
      -h|--help) usage; exit 0 ;;
      *) die "unknown argument: $1 (see --help)" ;;
    esac
  done
}

abs_path() { ( mkdir -p "$1" && cd "$1" && pwd ); }

# 0 if PID is a live (non-zombie) broker process started for DIR.
is_our_broker() {
  local pid="$1" dir="$2" cmd stat
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat="$(ps -p "$pid" -o stat= 2>/dev/null | tr -d ' ')" || return 1
  [[ -n "$stat" && "$stat" != Z* ]] || return 1
  cmd="$(ps -ww -p "$pid" -o args= 2>/dev/null)" || return 1
  [[ "$cmd" == *"$dir/server.properties"* ]]
}

broker_pid() { [[ -f "$1/broker.pid" ]] && tr -d ' \n' < "$1/broker.pid" || true; }

# Terminate the broker in DIR: signal $2 (TERM or KILL), wait up to $3 s, then KILL.
terminate_broker() {
  local dir="$1" sig="$2" timeout="$3" pid i
  pid="$(broker_pid "$dir")"
  if ! is_our_broker "$pid" "$dir"; then rm -f "$dir/broker.pid"; return 0; fi
  log "sending SIG$sig to broker pid $pid"
  kill -"$sig" "$pid" 2>/dev/null || true
  for (( i = 0; i < timeout * 5; i++ )); do
    is_our_broker "$pid" "$dir" || break
    sleep 0.2
  done
  if is_our_broker "$pid" "$dir"; then
    log "broker pid $pid still alive after ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 50; i++ )); do is_our_broker "$pid" "$dir" || break; sleep 0.2; done
  fi
  is_our_broker "$pid" "$dir" && die "could not kill broker pid $pid"
  rm -f "$dir/broker.pid"
}

write_server_properties() {
  local dir="$1" port="$2" cport="$3" kv
  {
    cat <<EOF
# Generated by deploy/kafka/kafka.sh start -- single-node KRaft (broker+controller).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data

# Single node: every internal topic at replication factor 1 / min ISR 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=10

group.initial.rebalance.delay.ms=0
# The service publishes events up to PROVENANCE_MAX_EVENT_BYTES (1 MiB) plus an envelope.
message.max.bytes=2097152
# After a crash (kill-broker) the restarted node must wait for its previous
# registration's session to expire (default 9 s) before it can register again.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=4000
num.partitions=$NUM_PARTITIONS
auto.create.topics.enable=true
delete.topic.enable=true

# Small footprint for dev/CI machines.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
EOF
    if (( ${#SETS[@]} )); then
      echo
      echo "# --set overrides"
      for kv in "${SETS[@]}"; do echo "$kv"; done
    fi
  } > "$dir/server.properties"
}

# Launch the broker for DIR in the background, detached from this shell.
launch_broker() {
  local dir="$1" j pid
  j="$(java_bin)"
  local -a cmd=("$j")
  # shellcheck disable=SC2206
  cmd+=($HEAP_OPTS $JVM_OPTS)
  cmd+=("-Dlog4j2.configurationFile=$LOG4J_CONFIG" "-Dkafka.logs.dir=$dir"
        -cp "$LIBS/*" kafka.Kafka "$dir/server.properties")
  printf '\n===== kafka.sh: launching broker at %s =====\n' "$(date '+%Y-%m-%dT%H:%M:%S')" >> "$dir/broker.log"
  if command -v setsid >/dev/null 2>&1; then
    ( cd "$dir" && exec setsid nohup "${cmd[@]}" </dev/null >>"$dir/broker.log" 2>&1 ) &
  elif command -v python3 >/dev/null 2>&1; then
    ( cd "$dir" && exec python3 -c 'import os,sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' \
        nohup "${cmd[@]}" </dev/null >>"$dir/broker.log" 2>&1 ) &
  else
    ( cd "$dir" && exec nohup "${cmd[@]}" </dev/null >>"$dir/broker.log" 2>&1 ) &
  fi
  pid=$!
  disown "$pid" 2>/dev/null || true   # no "Killed" job notices from this shell
  echo "$pid" > "$dir/broker.pid"
  LAUNCHED_PID="$pid"
}

# Wait until the broker log (after byte offset $2) contains "Kafka Server started".
# Returns 0 when ready, 1 if the process died, 2 on timeout.
wait_ready() {
  local dir="$1" offset="$2" pid="$3" deadline=$((SECONDS + START_TIMEOUT))
  while (( SECONDS < deadline )); do
    if tail -c +"$((offset + 1))" "$dir/broker.log" 2>/dev/null | grep -q 'Kafka Server started'; then
      return 0
    fi
    # (the launched pid shows 'setsid'/'nohup' args for a moment before exec'ing java)
    local stat
    stat="$(ps -p "$pid" -o stat= 2>/dev/null | tr -d ' ')" || stat=""
    if [[ -z "$stat" || "$stat" == Z* ]]; then return 1; fi
    sleep 0.2
  done
  return 2
}

print_log_tail() {
  local dir="$1"
  if [[ -f "$dir/broker.log" ]]; then
    log "----- last 60 lines of $dir/broker.log -----"
    tail -n 60 "$dir/broker.log" >&2 || true
    log "-----"
  fi
}

print_exports() {
  local dir="$1"
  # shellcheck disable=SC1091
  local port; port="$(. "$dir/broker.env" && echo "$KAFKA_PORT")"
  printf 'export KAFKA_BROKERS=%q\n' "127.0.0.1:$port"
  printf 'export KAFKA_BROKER_DIR=%q\n' "$dir"
}

# ---------------------------------------------------------------- start

START_DIR=""; START_PID=""; START_KEEP_DIR=0

# SIGKILL a pid and wait (max 10 s) until it is gone or a zombie.
kill_and_wait() {
  local pid="$1" i stat
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 50; i++ )); do
    stat="$(ps -p "$pid" -o stat= 2>/dev/null | tr -d ' ')" || stat=""
    [[ -z "$stat" || "$stat" == Z* ]] && return 0
    sleep 0.2
  done
}
# EXIT trap of start/restart: on failure kill the half-started broker, delete its dir
# (start only), and print `false` to stdout so that `eval "$(kafka.sh start)"` fails too.
start_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$START_DIR" ]]; then
    if [[ -n "$START_PID" ]]; then kill_and_wait "$START_PID"; fi
    rm -f "$START_DIR/broker.pid"
    if [[ "$START_KEEP_DIR" == 1 || "${KAFKA_KEEP_FAILED:-0}" == 1 ]]; then
      log "start failed; kept $START_DIR"
    else
      rm -rf "$START_DIR" || true
    fi
    (( rc == 0 )) && rc=1
  fi
  if (( rc != 0 )); then printf 'false\n'; fi
  exit "$rc"
}

install_start_traps() {
  trap start_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

cmd_start() {
  install_start_traps
  parse_args "$@"
  local t0=$SECONDS
  check_java
  cmd_install
  [[ -f "$LOG4J_CONFIG" ]] || die "missing $LOG4J_CONFIG"

  local dir
  if [[ -n "$DIR" ]]; then
    if [[ -e "$DIR" ]] && [[ -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
      die "--dir $DIR exists and is not empty (use 'restart --dir' to reuse it, or 'stop --dir' to remove it)"
    fi
    dir="$(abs_path "$DIR")"
  else
    mkdir -p "$BROKER_HOME"
    dir="$(mktemp -d "$BROKER_HOME/run-XXXXXX")"
    dir="$(cd "$dir" && pwd)"
  fi
  START_DIR="$dir"
  : > "$dir/$MARKER_FILE"

  local fixed_ports=0 port cport attempt rc
  if [[ -n "${KAFKA_PORT:-}" || -n "${KAFKA_CONTROLLER_PORT:-}" ]]; then fixed_ports=1; fi
  for attempt in 1 2 3; do
    if (( fixed_ports )); then
      read -r port cport < <(pick_ports)
      port="${KAFKA_PORT:-$port}"; cport="${KAFKA_CONTROLLER_PORT:-$cport}"
      [[ "$port" != "$cport" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
    else
      read -r port cport < <(pick_ports)
    fi
    [[ "$port" =~ ^[0-9]+$ && "$cport" =~ ^[0-9]+$ ]] || die "could not pick free ports"
    local cluster_id; cluster_id="$(random_cluster_id)"
    rm -rf "$dir/data" "$dir/broker.log" "$dir/format.log"
    mkdir -p "$dir/data"
    write_server_properties "$dir" "$port" "$cport"
    cat > "$dir/broker.env" <<EOF
KAFKA_PORT=$port
KAFKA_CONTROLLER_PORT=$cport
KAFKA_CLUSTER_ID=$cluster_id
EOF
    log "broker dir $dir (broker port $port, controller port $cport)"
    log "formatting storage (cluster id $cluster_id) ..."
    # shellcheck disable=SC2086
    if ! "$(java_bin)" $HEAP_OPTS $JVM_OPTS "-Dlog4j2.configurationFile=$LOG4J_CONFIG" -cp "$LIBS/*" \
          kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
          > "$dir/format.log" 2>&1; then
      cat "$dir/format.log" >&2
      die "kafka.tools.StorageTool format failed"
    fi

    log "starting broker ..."
    launch_broker "$dir"
    START_PID="$LAUNCHED_PID"
    rc=0; wait_ready "$dir" 0 "$START_PID" || rc=$?
    if (( rc == 0 )); then
      break
    fi
    if (( rc == 1 )) && (( ! fixed_ports )) && (( attempt < 3 )) \
        && grep -q 'Address already in use' "$dir/broker.log"; then
      log "port $port or $cport was taken in the meantime; retrying with new ports"
      kill_and_wait "$START_PID"; START_PID=""
      continue
    fi
    print_log_tail "$dir"
    if (( rc == 1 )); then die "broker process exited before it was ready"
    else die "broker not ready after ${START_TIMEOUT}s"; fi
  done

  # success: nothing to clean up any more
  START_DIR=""; START_PID=""
  log "broker ready on 127.0.0.1:$port (pid $(broker_pid "$dir")) in $((SECONDS - t0))s; log: $dir/broker.log"
  log "stop with: $SELF stop --dir $dir"
  print_exports "$dir"
}

# ---------------------------------------------------------------- stop / kill / restart / status

resolve_dir() {
  parse_args "$@"
  (( ${#SETS[@]} == 0 )) || die "--set is only valid for 'start'"
  DIR="${DIR:-${KAFKA_BROKER_DIR:-}}"
}

cmd_stop() {
  resolve_dir "$@"
  if [[ -z "$DIR" ]]; then log "no --dir given and KAFKA_BROKER_DIR not set; nothing to stop"; return 0; fi
  if [[ ! -d "$DIR" ]]; then log "$DIR does not exist; already stopped"; return 0; fi
  local dir; dir="$(cd "$DIR" && pwd)"
  [[ -f "$dir/$MARKER_FILE" ]] || die "$dir was not created by kafka.sh start (no $MARKER_FILE); refusing to delete it"
  terminate_broker "$dir" TERM "$STOP_TIMEOUT"
  rm -rf "$dir"
  log "stopped broker and removed $dir"
}

cmd_kill_broker() {
  resolve_dir "$@"
  [[ -n "$DIR" ]] || die "no --dir given and KAFKA_BROKER_DIR not set"
  [[ -d "$DIR" ]] || die "$DIR does not exist"
  local dir; dir="$(cd "$DIR" && pwd)"
  [[ -f "$dir/$MARKER_FILE" ]] || die "$dir was not created by kafka.sh start"
  local pid; pid="$(broker_pid "$dir")"
  if ! is_our_broker "$pid" "$dir"; then log "broker in $dir is not running"; rm -f "$dir/broker.pid"; return 0; fi
  terminate_broker "$dir" KILL 10
  log "killed broker pid $pid (SIGKILL); data kept in $dir"
}

cmd_restart() {
  install_start_traps
  resolve_dir "$@"
  [[ -n "$DIR" ]] || die "no --dir given and KAFKA_BROKER_DIR not set"
  [[ -d "$DIR" ]] || die "$DIR does not exist (use 'start' for a new broker)"
  local dir; dir="$(cd "$DIR" && pwd)"
  [[ -f "$dir/$MARKER_FILE" && -f "$dir/server.properties" && -f "$dir/broker.env" ]] \
    || die "$dir is not a broker dir created by kafka.sh start"
  local t0=$SECONDS
  check_java
  libs_ok || cmd_install
  local pid; pid="$(broker_pid "$dir")"
  if is_our_broker "$pid" "$dir"; then
    log "broker pid $pid is running; stopping it first"
    terminate_broker "$dir" TERM "$STOP_TIMEOUT"
  fi
  local offset=0
  [[ -f "$dir/broker.log" ]] && offset="$(wc -c < "$dir/broker.log" | tr -d ' ')"
  log "restarting broker in $dir (same ports and data) ..."
  START_DIR="$dir"; START_KEEP_DIR=1
  launch_broker "$dir"
  START_PID="$LAUNCHED_PID"
  local rc=0; wait_ready "$dir" "$offset" "$START_PID" || rc=$?
  if (( rc != 0 )); then
    print_log_tail "$dir"
    if (( rc == 1 )); then die "broker process exited before it was ready"
    else die "broker not ready after ${START_TIMEOUT}s"; fi
  fi
  START_DIR=""; START_PID=""
  log "broker ready again (pid $(broker_pid "$dir")) in $((SECONDS - t0))s"
  print_exports "$dir"
}

cmd_status() {
  resolve_dir "$@"
  [[ -n "$DIR" && -d "$DIR" ]] || { log "stopped"; return 3; }
  local dir; dir="$(cd "$DIR" && pwd)"
  local pid; pid="$(broker_pid "$dir")"
  if is_our_broker "$pid" "$dir"; then
    # shellcheck disable=SC1091
    log "running $pid 127.0.0.1:$(. "$dir/broker.env" && echo "$KAFKA_PORT")"
    return 0
  fi
  log "stopped"; return 3
}

# ---------------------------------------------------------------- main

main() {
  local cmd="${1:-}"
  (( $# )) && shift
  case "$cmd" in
    install) [[ $# -eq 0 ]] || die "install takes no arguments"; cmd_install ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    kill-broker) cmd_kill_broker "$@" ;;
    restart) cmd_restart "$@" ;;
    status) cmd_status "$@" ;;
    -h|--help|help) usage ;;
    "") usage >&2; exit 2 ;;
    *) log "unknown command: $cmd"; usage >&2; exit 2 ;;
  esac
}

main "$@"
