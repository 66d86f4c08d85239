// Checks and builds the Image Serving commands that copyImage applies through its urlModifier.
// commands.ts holds the command table (with valueChecks, colors, formats and requestTypes for the
// value rules), validate.ts the validator (segments.ts splits the string), build.ts the builder.

export { IMAGE_SERVING_COMMANDS, isKnownImageServingCommand } from './commands';
export { validateUrlModifier, type ModifierIssue, type ModifierIssueKind } from './validate';
export { buildUrlModifier, joinUrlModifiers, type FitMode, type ModifierBuilderFields } from './build';
