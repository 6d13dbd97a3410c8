import TermgraphCorpus
import Testing
import TestSupport

/// `exclude` globs with `.gitignore` semantics (§1d), each rule of gitignore(5) that a corpus
/// meets, checked against what `git check-ignore` answers for the same globs and paths.
@Suite struct ExcludeRulesTests {
    @Test func aGlobWithoutASlashMatchesANameAtAnyDepth() {
        let rules = ExcludeRules(["*.tmp.md", "drafts"])
        #expect(rules.contains("a.tmp.md"))
        #expect(rules.contains("x/y/a.tmp.md"))
        #expect(!rules.contains("a.md"))
        // `drafts` names a folder or a file anywhere; everything inside a folder goes with it.
        #expect(rules.contains("drafts/a.md"))
        #expect(rules.contains("docs/drafts/deep/a.md"))
        #expect(rules.contains("drafts"))
        #expect(!rules.contains("drafts-old/a.md"))
    }

    @Test func aSlashAnchorsTheGlobAtTheRoot() {
        let rules = ExcludeRules(["/top.md", "docs/old/"])
        #expect(rules.contains("top.md"))
        #expect(!rules.contains("sub/top.md"))
        #expect(rules.contains("docs/old/a.md"))
        #expect(!rules.contains("x/docs/old/a.md"))
        // A trailing slash matches folders only: a file named `old` is kept.
        #expect(!ExcludeRules(["old/"]).contains("old"))
        #expect(ExcludeRules(["old/"]).contains("old/a.md"))
    }

    @Test func starsQuestionMarksClassesAndEscapes() {
        #expect(ExcludeRules(["_common/**"]).contains("_common/a/b.md"))
        #expect(!ExcludeRules(["_common/**"]).contains("x/_common/b.md"))
        #expect(ExcludeRules(["**/_common/**"]).contains("x/y/_common/b.md"))
        #expect(ExcludeRules(["a/**/z.md"]).contains("a/z.md"))
        #expect(ExcludeRules(["a/**/z.md"]).contains("a/b/c/z.md"))
        #expect(!ExcludeRules(["a/*.md"]).contains("a/b/c.md"))  // `*` never crosses a `/`
        #expect(ExcludeRules(["v?.md"]).contains("v1.md"))
        #expect(ExcludeRules(["v?.md"]).contains("vأ.md"))       // `?` is one character, not one byte
        #expect(!ExcludeRules(["v?.md"]).contains("v10.md"))
        #expect(ExcludeRules(["v[0-9].md"]).contains("v7.md"))
        #expect(!ExcludeRules(["v[!0-9].md"]).contains("v7.md"))
        #expect(ExcludeRules(["\\#notes.md"]).contains("#notes.md"))
        #expect(ExcludeRules(["مسودات/"]).contains("مسودات/تسوية.md"))
    }

    @Test func theLastMatchDecidesAndNothingInAnExcludedFolderComesBack() {
        let rules = ExcludeRules(["*.md", "!keep.md"])
        #expect(rules.contains("a.md"))
        #expect(!rules.contains("keep.md"))
        #expect(!rules.contains("x/keep.md"))
        // As git: a file cannot be re-included when a folder above it is excluded.
        let folder = ExcludeRules(["drafts/", "!drafts/keep.md"])
        #expect(folder.contains("drafts/keep.md"))
        // Comments and blank globs are nothing.
        #expect(ExcludeRules(["# drafts", "  "]).isEmpty)
    }
}
