// Commander speaks English; Maillage's operators read French. Help titles and parse errors are translated here.
import type { Command } from "commander";

const titles: Record<string, string> = {
  "Usage:": "Utilisation :",
  "Arguments:": "Arguments :",
  "Options:": "Options :",
  "Global Options:": "Options générales :",
  "Commands:": "Commandes :",
};

const errors: [RegExp, string][] = [
  [/^error: unknown command '(.+?)'/, "commande inconnue « $1 »"],
  [/^error: unknown option '(.+?)'/, "option inconnue « $1 »"],
  [/^error: missing required argument '(.+?)'/, "argument obligatoire manquant : « $1 »"],
  [/^error: required option '(.+?)' not specified/, "option obligatoire manquante : « $1 »"],
  [/^error: option '(.+?)' argument missing/, "l'option « $1 » attend une valeur"],
  [/^error: too many arguments.*?Expected (\d+) arguments? but got (\d+)\./, "trop d'arguments : $1 attendu(s), $2 reçu(s)"],
  [/\(Did you mean (.+?)\?\)/, "(vouliez-vous dire $1 ?)"],
  [/^error: /, ""],
];

/** Translates one of commander's error lines into French ("Erreur : option inconnue « --x »"). */
export function translateCommanderError(message: string): string {
  let out = message.trimEnd();
  for (const [pattern, replacement] of errors) out = out.replace(pattern, replacement);
  return `Erreur : ${out}\n`;
}

/** Sets French help titles, help option and error output on a program; subcommands created later inherit them. */
export function frenchHelp(program: Command): Command {
  return program
    .configureHelp({ styleTitle: (title) => titles[title] ?? title })
    .helpOption("-h, --help", "affiche l'aide de la commande")
    .helpCommand("help [commande]", "affiche l'aide d'une commande")
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) });
}
