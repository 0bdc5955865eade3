/**
 * The Maven plugin: a thin door onto the calls the command line makes. Takes the {@code .nn} specs
 * under a project's source directory; gives a trainer class per network (a compile source root),
 * its equations as Markdown and, on request, a JUnit gradient check per network (a test source
 * root). Every spec is read before anything is written, so one build reports every problem; then
 * only changed files are written, and files the build no longer produces are deleted. Inside an
 * IDE the same run tells the IDE's build context (plexus-build-api) of every file it wrote or
 * deleted, as m2e expects.
 */
package dev.netgrad.maven;
