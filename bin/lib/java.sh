# Sourced by bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME for it.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm (newest first).

java_feature_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_jdk() {
  local candidates=() java version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  java=$(command -v java 2>/dev/null) && candidates+=("$(readlink -f "$java")")
  for java in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    candidates+=("$java")
  done
  for java in "${candidates[@]}"; do
    [ -x "$java" ] && [ -x "$(dirname "$java")/javac" ] || continue
    version=$(java_feature_version "$java")
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$java")")
      export JAVA_HOME
      return 0
    fi
  done
  echo "error: Gantry needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "       Install one (apt-get install -y openjdk-21-jdk-headless, or any JDK >= 21) or set JAVA_HOME." >&2
  return 3
}
