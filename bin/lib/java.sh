# Sourced by bin/ scripts: finds a JDK >= 21 and exports JAVA_HOME for it.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm (newest first).
# The version comes from the JDK's `release` file, so no JVM is started to find it.

jdk_feature_version() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

find_jdk() {
  local candidates=() java home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  java=$(command -v java 2>/dev/null) && candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidates+=("${home%/}")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    version=$(jdk_feature_version "$home")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      JAVA_HOME=$home
      export JAVA_HOME
      return 0
    fi
  done
  echo "error: Gantry needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "       Install one (apt-get install -y openjdk-21-jdk-headless, or any JDK >= 21) or set JAVA_HOME." >&2
  return 3
}
