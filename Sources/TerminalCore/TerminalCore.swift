// The pure-Swift terminal core lives here.
