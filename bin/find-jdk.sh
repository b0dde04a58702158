# Sourced by ./mvnw and ./wharf: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: JAVA_HOME when it is new enough, then the usual JDK folders, newest first.
# POSIX sh on purpose: ./mvnw runs under /bin/sh.
wharf_jdk_major() {
  # prints the feature version of the JDK in $1 (e.g. 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}
wharf_find_jdk() {
  _min=21
  if [ -n "${JAVA_HOME-}" ]; then
    _v=$(wharf_jdk_major "$JAVA_HOME")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ]; then export JAVA_HOME; return 0; fi
    echo "wharf: JAVA_HOME=$JAVA_HOME is not a JDK $_min or newer; looking for one" >&2
  fi
  _best= _bestv=0 _glob_off=
  case $- in *f*) _glob_off=1; set +f ;; esac  # ./mvnw runs with noglob
  for _d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$_d" ] || continue
    _v=$(wharf_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d _bestv=$_v; fi
  done
  [ -z "$_glob_off" ] || set -f
  if [ -z "$_best" ] && command -v javac >/dev/null 2>&1; then
    _d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _v=$(wharf_jdk_major "$_d")
    if [ -n "$_v" ] && [ "$_v" -ge "$_min" ]; then _best=$_d; fi
  fi
  if [ -z "$_best" ]; then
    echo "wharf: no JDK $_min or newer found (checked JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java, ~/.jdks, ~/.sdkman)." >&2
    echo "wharf: install one (for example 'apt-get install openjdk-21-jdk-headless' or a Temurin 21/25 JDK) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}
