// The suites the runner extension runs: the same files desktop VS Code runs.
import '../suite/language.test';
import '../suite/markdown.test';
import '../suite/debug.test';
