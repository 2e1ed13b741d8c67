# Sourced by .ci/run and ./sluice: sets JAVA_HOME to a JDK 25 or newer, or explains what to do.
# Order: JAVA_HOME if it is 25+, then any JDK 25+ under /usr/lib/jvm (or $SLUICE_JVM_DIR).

sluice_java_major() {
  # Prints the feature release of the JDK at $1 ("25"), or nothing if it is not a JDK.
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  local release="$home/release" v=""
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

sluice_require_jdk25() {
  local v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(sluice_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME; return 0; fi
  fi
  local dir="${SLUICE_JVM_DIR:-/usr/lib/jvm}" best="" best_v=0 cand
  for cand in "$dir"/*; do
    [ -d "$cand" ] || continue
    v=$(sluice_java_major "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
  cat >&2 <<MSG
error: Sluice needs a JDK 25 or newer, and none was found.
  JAVA_HOME is '${JAVA_HOME:-unset}'$( [ -n "${JAVA_HOME:-}" ] && echo " (Java $(sluice_java_major "$JAVA_HOME"))" ), and $dir has no JDK 25.
What to do next:
  - install one, for example Temurin 25 from https://adoptium.net (Debian/Ubuntu: apt-get install temurin-25-jdk), then
  - point JAVA_HOME at it:  export JAVA_HOME=/path/to/jdk-25
MSG
  return 1
}
