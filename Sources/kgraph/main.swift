print("kgraph")
