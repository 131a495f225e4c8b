export function helpText(version: string): string {
  return `minbase ${version}: move Dockerfiles onto minimal base images (distroless, scratch, DHI, Chainguard)

Usage:
  minbase [options] [paths...]
  minbase [options] -

Paths are Dockerfiles or folders; the default is the current folder. Folders are
searched for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile and
Containerfile.* (in any case), including dot-folders such as .docker/. Files
ignored by .gitignore, node_modules and .git are skipped, symlinked folders are
not followed, and a symlink to a file outside the searched folder is never
touched. A file named on the command line is always processed.

With '-' as the only path, one Dockerfile is read from stdin and the result (or
the unchanged input) is printed on stdout; changes, reasons and the summary go
to stderr. Build-context files (e.g. package.json) are read from the current
folder.

Modes (the default is a dry run: show every change, write nothing):
  --write               Rewrite the files in place. Each file is replaced
                        atomically and keeps its permissions and owner; a file
                        that changed while minbase was running is left alone
                        and reported as an error.
  --check               Write nothing; exit 1 if any file would be rewritten or
                        is refused. Meant for CI.
  --fail-on LIST        What fails the run, comma-separated from 'rewritten',
                        'refused' and 'error' (default: all three). With
                        --check --fail-on rewritten, files refused today do not
                        fail CI, but a new file that could move does. An error
                        exits 2, the others 1; given without --check it applies
                        to the dry run and --write too.
  -i, --interactive     Show each rewrite (diff, rules, reasons) and ask before
                        writing it: y applies, n skips, a applies this and all
                        later ones, q quits (what was applied stays written),
                        ? explains. Ctrl-C stops like q, with exit code 130.
                        Needs a terminal; refused files and errors are listed.
  --force               With --write or -i, also write files that git tracks
                        and that have uncommitted changes (staged or not).
                        Without it such a file is left alone and reported as
                        an error, so that every rewrite can be reviewed and
                        undone with git. Untracked files are always written.

Output:
  (default)             For each rewritten file, a unified diff followed by
                        every change with its rule and line; refused files and
                        errors with their reasons; then the summary line
                        "N rewritten, N unchanged, N skipped, N refused, N errors".
  --format FORMAT       text (the default), json, sarif, github or patch.
  --json                One JSON document on stdout instead of text:
                        {"version":1,"files":[{"path","outcome","runtime",
                        "target","reason","changes","blockers","notes","diff"}],
                        "summary":{...}}; each blocker is {"rule","line",
                        "message"}; target is null when none was chosen.
                        Works with --write and --check. Same as --format json.
  --format sarif        One SARIF 2.1.0 log on stdout (GitHub code scanning):
                        a result per change and per blocker, with rule ids and
                        help; what fails the run (--fail-on) is a warning, the
                        rest a note.
  --format github       GitHub Actions annotations on stdout
                        (::warning file=F,line=N,title=T::message), one per
                        change, blocker and error, then the summary line.
  --patch               Only a patch on stdout, ready for 'git apply'; messages
                        and the summary go to stderr. Works with --write and
                        --check.
  --verbose             Also list unchanged and skipped files, with the reason.
  --report FILE         Also write a migration report: Markdown (FILE.md, for a
                        pull request or an issue) or one self-contained HTML
                        page (FILE.html, with a chart): totals per outcome and
                        runtime, blockers grouped by rule with their files and
                        what to change, and with --verify the image sizes
                        before and after and the total saved.

A batch of more than 20 files shows its progress on stderr when stderr is a
terminal (a single line, removed at the end).

Rewrite options:
  --stage NAME          Rewrite the stage named NAME instead of the last stage.
  --family FAMILY       Minimal images to move to: 'distroless' (the default,
                        gcr.io/distroless/*-debian13), 'dhi' (Docker Hardened
                        Images, dhi.io/*: the builder's runtime version on its
                        libc, Debian 13 or Alpine; 'docker login dhi.io'
                        first) or 'chainguard' (cgr.dev/chainguard/*, the free
                        :latest images: only an app on their one version).
                        A file already on any family's minimal image is left
                        as it is; a refusal for a version or a libc names the
                        family that has an image for it.
  --static-base BASE    Base for static binaries (Go, Rust): 'scratch' (the
                        default) or 'distroless': the family's static image
                        (gcr.io/distroless/static-debian13, dhi.io/static,
                        cgr.dev/chainguard/static).
  --nonroot             Run as an unprivileged user: the :nonroot tag on
                        distroless, USER 65532:65532 on scratch, the image's
                        own user on DHI and Chainguard (without it, a stage
                        that ran as root gets USER 0 there).
  --drop-healthcheck    Remove a HEALTHCHECK that cannot run on the new base
                        instead of refusing the file.
  --debug-stage         Add a 'debug' stage with a shell before the production
                        stage; build it with: docker build --target debug .

Config files (the nearest one applies, searched from each Dockerfile's folder up
to the repository root, the folder with .git): package.json ("minbase" key),
.minbaserc (JSON or YAML), .minbaserc.{json,yaml,yml,js,cjs,mjs},
minbase.config.{json,js,cjs,mjs}. Keys: stage, family, staticBase, nonroot,
dropHealthcheck, debugStage; ignore (globs of files to skip); overrides (a list
of {"files": GLOB, ...keys} for some files); registries (image prefix to the
mirror minbase writes instead, e.g. {"gcr.io/distroless/":
"registry.corp/distroless/"}). Globs are relative to the config's folder. Flags
win over the config. A bad config is an error naming the file and key (exit 2).
  --config FILE         Use this config file for every file instead.
  --no-config           Read no config file.

Verification (runs your docker; nothing is written unless it passes):
  --verify              Build the original and the rewritten Dockerfile of each
                        rewritten file with Docker (BuildKit), then check the
                        new image, stopping at the first failure: 1. it builds;
                        2. its files have what the command needs (the program,
                        executable by the image's user; an ELF program's loader
                        and libraries; a script's interpreter; the script,
                        module or jar given to node, python or java; the USER),
                        read with docker export, nothing run in it; 3. both
                        images started with --network none agree after a few
                        seconds (both running, or both exited with the same
                        status). A failure makes the file 'refused', with the
                        check and the path or library; a pass shows each check
                        and the image size before and after. Works with the dry
                        run, --write, -i, --check, --json, --patch and '-'.
                        Images and containers carry the label
                        minbase.verify=<run id> and are removed at the end, also
                        after Ctrl-C; the build cache is kept. The summary line
                        adds "N verified" and the total size before and after;
                        with --json each file has "verify": {"ok", "failed",
                        "error", "checks", "ms", "size", "notes"}.
  --context DIR         Build context (default: the Dockerfile's folder). With
                        --stage NAME both builds use --target.
  --build-arg K=V       Passed to docker build; repeat for more.
  --platform P          Passed to docker build, e.g. linux/arm64.
  --verify-timeout S    Seconds both images run in the start check (default 5).
  --verify-arg ARG      Argument for the start check, replacing CMD; repeat
                        (--verify-arg=--flag for one that starts with -).
  --verify-env K=V      Environment for the start check; repeat.
  --jobs N              Verify N files at once (default 1); output keeps its
                        order.
  --docker PATH         The docker client to run (default: docker on PATH, or
                        MINBASE_DOCKER). Clients from 23.0 on need the buildx
                        plugin to build with BuildKit.

  -h, --help            Show this help.
  --version             Print the version.

Where else it runs (see the README):
  GitHub Action        action.yml: Node, then minbase with inputs paths,
                       mode (check, dry-run, write), family, format, fail-on,
                       report, args; uploads SARIF to code scanning when
                       sarif-upload is true; the job fails with minbase's
                       status.
  pre-commit           .pre-commit-hooks.yaml: hooks 'minbase' (--check) and
                       'minbase-fix' (--write), running the project's or the
                       global minbase.
  campaigns            docs/campaigns.md: the command
                       'npx --yes -- minbase@VERSION --write .' as the
                       per-repository step of multi-gitter or a
                       Sourcegraph batch change: exit 0 (done) or 2 (an error),
                       changes only in the work tree.

Outcomes:
  rewritten   the image moves to a minimal base; every change is listed
  unchanged   nothing to do, e.g. already on a minimal base
  skipped     not something minbase handles, e.g. an empty file
  refused     a rewrite would break the image; the reason names each blocking
              line, fix or remove it and run again
  error       the file could not be read or written (binary, not UTF-8, larger
              than 1 MiB, no permission, changed during the run, uncommitted
              changes in git)

Exit codes:
  0   done; with --check, nothing to do; with -i, also after q
  1   --check (or --fail-on) only: at least one file would be rewritten or is
      refused, as far as --fail-on counts them
  2   usage error, a bad config file, or at least one file had an error (the
      others are still processed; not with --fail-on without 'error'), or -i
      without a terminal, or --verify without a usable Docker (no docker
      program, no daemon, permission denied, no buildx)
  130 -i or --verify stopped by Ctrl-C (files already applied stay written;
      --verify first removes its containers and images)

Examples:
  minbase                             show what would change under .
  minbase --write services/           rewrite every Dockerfile under services/
  minbase -i services/                review and apply each rewrite in turn
  minbase --check --nonroot .         fail CI while something is left to do
  minbase --check --fail-on rewritten --format github .
                                      fail CI only on files that could move,
                                      with annotations on the pull request
  minbase --format sarif . > minbase.sarif
                                      for code scanning
  minbase --report migration.html .   a report for the platform team
  minbase --patch > minbase.patch     review, then: git apply minbase.patch
  minbase - < Dockerfile              print the rewritten Dockerfile
  minbase --verify --write services/  build, check and start each rewrite,
                                      and write those that pass
`;
}
