# Source check: no banned functions (curl's list, see DESIGN.md) in the
# library, the CLI, the tools or the tests. Run by CTest from the source dir.
set -u
cd "$1" || exit 1
pattern='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atof|strtok)[[:space:]]*\('
hits=$(grep -rnE "$pattern" --include='*.c' --include='*.h' lib cli eval bench tests include 2>/dev/null |
       grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|//|/\*)' || true)
if [[ -n $hits ]]; then
    echo "banned functions used:"
    echo "$hits"
    exit 1
fi
echo "no banned functions"
