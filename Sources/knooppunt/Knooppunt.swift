import KnooppuntServer

/// The executable: everything lives in KnooppuntServer.
@main
enum Main {
    static func main() async {
        await KnooppuntCommand.main()
    }
}
