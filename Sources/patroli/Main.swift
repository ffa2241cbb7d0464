@main struct Main { static func main() { print("ok") } }
