@echo off
rem Starts the Groundwork workstation, or runs its command-line interface when given arguments.
rem Builds the Maven reactor first when the application jar is missing.
setlocal
set "ROOT=%~dp0"
set "APP_JAR=%ROOT%app\target\groundwork-app.jar"
if not exist "%APP_JAR%" (
  echo Building Groundwork ^(first start^)... 1>&2
  rem -DskipTests, not -Dmaven.test.skip: modules share test fixtures as test jars, which must still be built.
  call mvn -q -B -f "%ROOT%pom.xml" -DskipTests package 1>&2 || exit /b 1
)
set "JAVA_CMD=java"
if defined JAVA_HOME set "JAVA_CMD=%JAVA_HOME%\bin\java"
rem Volumes are large: use half of physical memory rather than the JVM's default quarter.
"%JAVA_CMD%" -XX:MaxRAMPercentage=50 -Dai.djl.offline=true %GROUNDWORK_JAVA_OPTS% -jar "%APP_JAR%" %*
exit /b %ERRORLEVEL%
