# shellcheck shell=bash
# Sourced by .ci/run and scripts/run-local.sh: make sure JAVA_HOME and PATH give a JDK >= 21.
#
#   source scripts/lib/java-home.sh
#   storyline_select_java          # exports JAVA_HOME and PATH, or returns 1 with a message
#
# Keeps the current JDK (JAVA_HOME if set, else `java` on PATH) when it is new enough; otherwise
# takes the newest /usr/lib/jvm/temurin-* (then any other /usr/lib/jvm/*) that is >= 21.
# STORYLINE_JVM_DIR names another directory of JDKs to search instead of /usr/lib/jvm.

STORYLINE_MIN_JAVA=21

# Major version of the given java binary (17, 21, 25, …); empty if it does not run.
storyline_java_major() {
  local java_bin=$1 spec
  spec=$("$java_bin" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/^[[:space:]]*java\.specification\.version =/ { print $2; exit }') || true
  spec=${spec%%[[:space:]]*}
  case "$spec" in
    1.*) echo "${spec#1.}" ;;   # 1.8 -> 8
    *) echo "${spec%%.*}" ;;
  esac
}

storyline_select_java() {
  local current="" major candidate dir jvm_dir=${STORYLINE_JVM_DIR:-/usr/lib/jvm}
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    current="${JAVA_HOME}/bin/java"
  elif command -v java >/dev/null 2>&1; then
    current=$(command -v java)
  fi
  if [[ -n "$current" ]]; then
    major=$(storyline_java_major "$current")
    if [[ -n "$major" && "$major" -ge "$STORYLINE_MIN_JAVA" ]]; then
      if [[ -z "${JAVA_HOME:-}" ]]; then
        JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$current")")")
        export JAVA_HOME
      fi
      echo "Java ${major} at ${JAVA_HOME}"
      return 0
    fi
    echo "Java ${major:-?} at ${current} is older than ${STORYLINE_MIN_JAVA}; looking under ${jvm_dir}"
  fi

  candidate=""
  # Newest Temurin first, then any other JDK; version-aware sort of the directory names.
  while IFS= read -r dir; do
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
    major=$(storyline_java_major "$dir/bin/java")
    if [[ -n "$major" && "$major" -ge "$STORYLINE_MIN_JAVA" ]]; then
      candidate=$dir
      break
    fi
  done < <( { printf '%s\n' "$jvm_dir"/temurin-* | sort -rV
              for dir in "$jvm_dir"/*; do [[ "$dir" == */temurin-* ]] || printf '%s\n' "$dir"; done | sort -rV; } )

  if [[ -z "$candidate" ]]; then
    echo "ERROR: no JDK >= ${STORYLINE_MIN_JAVA} found (checked JAVA_HOME, java on PATH and ${jvm_dir}/*)." >&2
    echo "       Install one (e.g. Temurin 21 or 25) or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME=$(readlink -f "$candidate")
  PATH="${JAVA_HOME}/bin:${PATH}"
  export JAVA_HOME PATH
  echo "Java ${major} at ${JAVA_HOME}"
}
